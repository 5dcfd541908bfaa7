#include <stdlib.h>
#include "conds.h"

int sock_close(struct sock *s) {
	if (s->fd < 0)
		return -1;
	free(s);
	return 0;
}

int res_fill(struct res *out) {
	out->name = calloc(1, 16);
	return out->name ? 0 : -1;
}
