void remember_key(char *key, int n);
int key_digest(void);
