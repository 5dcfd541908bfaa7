char *buf_new(void);
void buf_free(char *b);
