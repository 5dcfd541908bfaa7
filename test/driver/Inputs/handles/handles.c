#include "handles.h"

static void *g_ud;
static char *g_name;
static void *g_ctx;

/* Go passes a runtime/cgo.Handle: an integer, C may keep it. */
void set_ud(void *ud) { g_ud = ud; }

/* The handle may be kept; the C string Go frees after the call may not. */
void set_ud_name(void *ud, char *name) {
	g_ud = ud;
	g_name = name;
}

/* One Go call passes Go's memory: no exemption. */
void set_ctx(void *ctx) { g_ctx = ctx; }
