#include <stdlib.h>
#include "sessions.h"
#include "_cgo_export.h"

struct session *session_new(void) { return calloc(1, sizeof(struct session)); }

void session_open(struct session *s, void *user) {
	s->user = user;
	GoTrackSession(user);
}

void session_close(struct session *s) {
	free(s->user);
	s->user = NULL;
}
