#ifndef CALLBACKS_H
#define CALLBACKS_H
#include <stdlib.h>

extern void GoUse(char *p);

typedef void (*event_fn)(void *data);
static event_fn g_handler;

static void on_event(void *data) {
	char *p = data;
	free(p);
	GoUse(p);
}

static inline void install(void) {
	g_handler = on_event;
}

static inline void fire(void) {
	if (g_handler)
		g_handler(malloc(8));
}
#endif
