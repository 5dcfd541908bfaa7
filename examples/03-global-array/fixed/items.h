#define NITEMS 3
extern char *g_items[NITEMS];
void load_items(void);
void clear_items(void);
