void set_name(char *s);
int name_len(void);
