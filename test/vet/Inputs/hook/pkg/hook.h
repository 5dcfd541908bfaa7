void *alloc_int(int v);
void free_int(void *p);
