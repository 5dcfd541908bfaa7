/* libFuzzer target: checker/boundary/json.c, one value and a stream of values; what parses must
 * write and parse back to the same text. */
#include "json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cs_error err;
  json_value *v = json_parse((const char *)data, size, &err);
  if (v) {
    cs_buf out = {0};
    json_write(v, &out);
    json_value *again = json_parse(out.data ? out.data : "", out.len, &err);
    cs_buf out2 = {0};
    if (!again)
      abort(); /* what we wrote must parse */
    json_write(again, &out2);
    if (out.len != out2.len || memcmp(out.data, out2.data, out.len) != 0)
      abort();
    json_get_string(v, "file");
    json_get_array(v, "arguments");
    long n;
    json_get_int(v, "version", &n);
    json_free(again);
    json_free(v);
    cs_buf_free(&out);
    cs_buf_free(&out2);
  }
  json_parser p;
  json_parser_init(&p, (const char *)data, size);
  for (int i = 0; i < 64; i++) {
    json_value *next = NULL;
    if (!json_parse_next(&p, &next, &err) || !next)
      break;
    json_free(next);
  }
  return 0;
}
