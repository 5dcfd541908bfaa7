/* The JSON of checker/support/json.c from the command line:
 *   roundtrip            one value on stdin, written back with cs_json_write
 *   roundtrip --stream   each value of a stream on stdin, written back
 *   roundtrip --string   stdin's bytes as a JSON string (cs_json_string) */
#include "json.h"

#include <stdio.h>
#include <string.h>

static void write_value(const json_t *v) {
  cs_buf out = {0};
  cs_json_write(v, &out);
  fputs(out.data, stdout);
  cs_buf_free(&out);
}

int main(int argc, char **argv) {
  static char text[1 << 16];
  const char *mode = argc > 1 ? argv[1] : "";
  cs_json_init();
  size_t len = fread(text, 1, sizeof text - 1, stdin);
  cs_error err = {{0}};
  json_t *v = NULL;
  if (strcmp(mode, "--string") == 0) {
    v = cs_json_string(text);
  } else if (strcmp(mode, "--stream") == 0) {
    cs_json_stream s;
    cs_json_stream_init(&s, text, len);
    while (cs_json_stream_next(&s, &v, &err) && v) {
      write_value(v);
      json_decref(v);
    }
  } else {
    v = cs_json_parse(text, len, &err);
  }
  if (err.msg[0]) {
    printf("error: %s\n", err.msg);
    return 1;
  }
  if (v)
    write_value(v);
  json_decref(v);
  return 0;
}
