#include <stdlib.h>
#include "conds.h"

int node_fill(struct node *n) {
	n->label = calloc(1, 16);
	return n->label ? 0 : -1;
}
