#pragma once
#include <stddef.h>

struct session { void *user; int id; };
struct rec { int id; char *name; };
struct buf { char *data; size_t len, cap; };

struct session *session_new(void);
void session_open(struct session *s, void *user);
void session_close(struct session *s);

const char *rec_name(struct rec *h);
void rec_rename(struct rec *h, const char *s);
int buf_append(struct buf *b, char c);
int *alloc_int(int v);
void free_int(int *p);
void keep_global(char *p);
