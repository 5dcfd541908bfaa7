#include "buf.h"

#include "_cgo_export.h"

size_t slow_len(const char *s) {
  goCollect();
  size_t n = 0;
  while (s[n] != '\0')
    n++;
  return n;
}
