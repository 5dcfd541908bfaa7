#include <stdlib.h>
#include "conds.h"

void node_clear(struct node *n) {
	free(n->label);
	n->label = NULL;
}
