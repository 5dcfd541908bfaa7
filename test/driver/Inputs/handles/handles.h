#include <stdlib.h>

void set_ud(void *ud);
void set_ud_name(void *ud, char *name);
void set_ctx(void *ctx);
