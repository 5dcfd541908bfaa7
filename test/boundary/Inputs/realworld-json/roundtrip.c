/* Reads one JSON value on stdin, writes it back with json_write (checker/boundary/json.c). */
#include "json.h"

#include <stdio.h>

int main(void) {
  static char text[1 << 16];
  size_t len = fread(text, 1, sizeof text, stdin);
  cs_error err;
  json_value *v = json_parse(text, len, &err);
  if (!v) {
    printf("error: %s\n", err.msg);
    return 1;
  }
  cs_buf out = {0};
  json_write(v, &out);
  printf("%.*s\n", (int)out.len, out.data);
  json_free(v);
  cs_buf_free(&out);
  return 0;
}
