#pragma once

struct sock { int fd; };
struct res { char *name; };
struct node { char *label; };

int sock_close(struct sock *s);
int res_fill(struct res *out);
int node_fill(struct node *n);
void node_clear(struct node *n);
