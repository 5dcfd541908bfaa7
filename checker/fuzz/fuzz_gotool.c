/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* libFuzzer target: cgo-boundary's reading of what the Go tools print: `go list
 * -json` (a stream of package objects), `go build -work -gcflags=-m` (its WORK=
 * line and escape analysis lines) and the Go helper's facts (gofacts.c). The
 * parsers of gotool.c are static, so it is included here. */
#include "../boundary/gotool.c"

#include "gofacts.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = cs_xstrndup((const char *)data, size);
  cb_escape_fact *facts = NULL;
  size_t nfacts = 0;
  parse_escape_output(text, &facts, &nfacts);
  cb_escape_facts_free(facts, nfacts);
  free(work_directory(text));

  cs_json_stream stream;
  cs_json_stream_init(&stream, (const char *)data, size);
  cs_error err;
  for (int i = 0; i < 16; i++) {
    json_t *obj = NULL;
    if (!cs_json_stream_next(&stream, &obj, &err) || !obj)
      break;
    cb_package pkg = {0};
    package_from_json(obj, &pkg);
    cb_package_free(&pkg);
    json_decref(obj);
  }

  cb_package pkg = {0};
  cb_gofacts_read((const char *)data, size, &pkg, &err);
  cb_package_free(&pkg);
  free(text);
  return 0;
}
