#include <stdlib.h>
#include <string.h>
#include "sessions.h"

const char *rec_name(struct rec *h) { return h->name; }
