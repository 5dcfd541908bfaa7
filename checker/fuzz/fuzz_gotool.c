/* libFuzzer target: cgo-boundary's parsing of go tool output, `go list -json` (a stream of
 * package objects) and `go build -work -gcflags=-m` (its WORK= line and escape analysis
 * lines). The parsers are static in gotool.c, so it is included here. */
#include "../boundary/gotool.c"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = cs_xstrndup((const char *)data, size);
  cb_escape_fact *facts = NULL;
  size_t nfacts = 0;
  parse_escape_output(text, &facts, &nfacts);
  cb_escape_facts_free(facts, nfacts);
  free(work_directory(text));

  json_parser p;
  json_parser_init(&p, (const char *)data, size);
  cs_error err;
  for (int i = 0; i < 16; i++) {
    json_value *obj = NULL;
    if (!json_parse_next(&p, &obj, &err) || !obj)
      break;
    if (obj->kind == JSON_OBJECT) {
      cb_package pkg;
      memset(&pkg, 0, sizeof pkg);
      package_from_json(obj, &pkg);
      cb_package_free(&pkg);
    }
    json_free(obj);
  }
  free(text);
  return 0;
}
