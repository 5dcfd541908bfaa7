package a

// Conditions and guards (issue 20, patterns 1, 2, 3 and 9): a use after a
// free that depends on a result, a guard on another field, a free on the
// error path only, a reference count.

/*
#include <stdlib.h>
typedef struct res { int fd; } res;
static res *res_new(void) { return calloc(1, sizeof(res)); }
static void res_destroy(res *r) { free(r); }
static int res_check(const res *r) { return r->fd; }
static int sock_close(res *r) { if (r->fd < 0) return -1; free(r); return 0; }
static int conn_close(res *r) { if (r->fd < 0) return -1; free(r); return 0; }
#define DB_OK 0
typedef struct db db;
static db *db_open(void) { return (db *)malloc(8); }
static int db_close(db *d) { free(d); return 0; }
static int db_errcode(db *d) { return d == NULL; }
*/
import "C"

import "errors"

// Pattern 1. Silent: conn_close frees only when it returns 0 (the model's
// condition); where it failed, the handle is still good.
func useWhenCloseFails() int {
	c := C.res_new()
	if C.conn_close(c) != 0 {
		return int(C.res_check(c)) // no-warning
	}
	return 0
}

// Reported: used after the close succeeded.
func useAfterClose() int {
	c := C.res_new()
	if C.conn_close(c) == 0 {
		return int(C.res_check(c)) // want `C memory c \(from C.res_new\) is used after C.conn_close freed it: passes it to C.res_check`
	}
	return 0
}

// Silent: a retry loop around a close that only the destructor-name guess
// describes, and a use in the loop.
func retryGuess() {
	s := C.res_new()
	for C.sock_close(s) != 0 {
		C.res_check(s) // no-warning
	}
}

// Pattern 2. Silent: Release frees the handle only while f.valid and clears
// the flag; Check uses the handle only while f.valid.
type F struct {
	h     *C.res
	valid bool
}

func (f *F) Release() {
	if !f.valid {
		return
	}
	f.valid = false
	C.res_destroy(f.h)
}

func (f *F) Check() int {
	if !f.valid {
		return -1
	}
	return int(C.res_check(f.h))
}

func releaseThenCheck(f *F) int {
	f.Release()
	return f.Check() // no-warning
}

// The guard never cleared: Check uses the freed handle.
type F2 struct {
	h     *C.res
	valid bool
}

func (f *F2) Release() {
	if !f.valid {
		return
	}
	C.res_destroy(f.h)
}

func (f *F2) Check() int {
	if !f.valid {
		return -1
	}
	return int(C.res_check(f.h))
}

func releaseThenCheck2(f *F2) int {
	f.Release()
	return f.Check() // want `C memory f.h is used after \(\*F2\).Release freed it: \(\*F2\).Check uses it`
}

// Pattern 3. Silent: parse frees its argument only when it returns an
// error, and the caller uses it only when it did not.
func parse(r *C.res) error {
	if C.res_check(r) < 0 {
		C.res_destroy(r)
		return errors.New("bad")
	}
	return nil
}

func parseThenUse() int {
	r := C.res_new()
	if err := parse(r); err != nil {
		return -1
	}
	defer C.res_destroy(r)
	return int(C.res_check(r)) // no-warning
}

// Reported: the error path uses it.
func parseErrorUse() int {
	r := C.res_new()
	if err := parse(r); err != nil {
		return int(C.res_check(r)) // want `C memory r \(from C.res_new\) is used after parse freed it: passes it to C.res_check`
	}
	C.res_destroy(r)
	return 0
}

// Pattern 9. Silent: an unref frees only when the count drops to zero (and
// deletes the key first): a use after an unref that may have freed it is no
// certain bug.
var refs = map[*C.res]int{}

func retain(r *C.res) { refs[r]++ }

func unref(r *C.res) {
	refs[r]--
	if refs[r] == 0 {
		delete(refs, r)
		C.res_destroy(r)
	}
}

func shared() int {
	r := C.res_new()
	retain(r)
	retain(r)
	unref(r)
	n := int(C.res_check(r)) // no-warning
	unref(r)
	return n
}

// A free without the count: the use after it is reported.
func drop(r *C.res) { C.res_destroy(r) }

func dropThenUse() int {
	r := C.res_new()
	drop(r)
	return int(C.res_check(r)) // want `C memory r \(from C.res_new\) is used after drop freed it: passes it to C.res_check`
}

// A flag read before it is set: the branch tests the value read, not the
// field, so the free is on the path where the flag was clear.
type Once struct {
	h      *C.res
	closed bool
}

func swapThenUse(o *Once) int {
	closed := o.closed
	o.closed = true
	if !closed {
		C.res_destroy(o.h)
	}
	return int(C.res_check(o.h)) // want `C memory o.h is used after C.res_destroy freed it: passes it to C.res_check`
}

// Silent: go-sqlite3's Close, with a model that says sqlite3_close_v2 frees
// the connection when it returns SQLITE_OK: the error path reads the error
// code of a connection that is still open.
type Conn struct{ db *C.db }

func (c *Conn) lastError() error {
	if C.db_errcode(c.db) == 0 {
		return nil
	}
	return errors.New("db error")
}

func (c *Conn) Close() error {
	rv := C.db_close(c.db)
	if rv != C.DB_OK {
		return c.lastError() // no-warning
	}
	c.db = nil
	return nil
}

// Reported: the error code read after the close succeeded.
func (c *Conn) CloseBuggy() error {
	rv := C.db_close(c.db)
	if rv == C.DB_OK {
		return c.lastError() // want `C memory c.db is used after C.db_close freed it: \(\*Conn\).lastError uses it`
	}
	return nil
}
