#include <string.h>

static inline int _u_len(const char *s) { return (int)strlen(s); }
