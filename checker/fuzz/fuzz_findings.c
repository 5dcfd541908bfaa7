/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* libFuzzer target: the driver's reading of clang's SARIF logs (findings.c:
 * results, their locations and code flows, the de-duplication), and the JSON
 * writer of checker/support: whatever jansson parses, cs_json_write writes
 * so that it parses back to an equal value. */
#include "findings.h"
#include "json.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  cs_error err;
  cl_findings all = {0};
  cl_filter filter = {.rule_prefix = "cgo."};
  /* Twice: the second time every result is a duplicate of one already there. */
  if (cl_findings_add_sarif(&all, text, size, &filter, &err))
    cl_findings_add_sarif(&all, text, size, &filter, &err);
  cl_findings_sort(&all);
  cl_findings_free(&all);

  json_t *v = cs_json_parse(text, size, &err);
  if (!v)
    return 0;
  cs_buf out = {0};
  cs_json_write(v, &out);
  json_t *again = cs_json_parse(out.data, out.len, &err);
  if (!again || !json_equal(v, again))
    abort(); /* what we wrote must parse, to the same value */
  json_decref(again);
  json_decref(v);
  cs_buf_free(&out);
  return 0;
}
