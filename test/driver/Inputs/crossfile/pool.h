void *pool_get(void);
void pool_put(void *p);
