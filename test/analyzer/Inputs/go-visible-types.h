// Types declared in a header, as a cgo preamble would include them: Go sees
// their layout and can allocate them, so they can be Go's out-parameters.
typedef struct { char *data; int len; } blob;
struct env_pub { void *txn0; void *cur; };
