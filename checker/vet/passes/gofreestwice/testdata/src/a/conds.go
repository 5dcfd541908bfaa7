package a

// Conditions and guards (issue 20, patterns 1, 2, 3 and 9): a free that
// depends on a result, a guard on another field, a free on the error path
// only, a reference count.

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
static int db_release(db *d) { free(d); return 0; }
*/
import "C"

import (
	"errors"
	"runtime"
)

// Pattern 1. Silent: a close retried while it fails; sock_close's only fact
// is the destructor-name guess, and a guess never makes a retry a double
// free.
func retryClose() {
	s := C.res_new()
	for C.sock_close(s) != 0 { // no-warning
	}
}

// The guess with its result dropped, twice: reported as before.
func closeTwiceGuess() {
	s := C.res_new()
	C.sock_close(s)
	C.sock_close(s) // want `C memory s \(from C.res_new\) is freed twice: C.sock_close frees it again after C.sock_close freed it`
}

// Silent: conn_close frees its argument only when it returns 0 (the model's
// condition), and the loop calls it again only while it fails.
func retryConnClose() {
	c := C.res_new()
	for C.conn_close(c) != 0 { // no-warning
	}
}

// Reported: closed again after it succeeded.
func connCloseAgain() {
	c := C.res_new()
	if C.conn_close(c) == 0 {
		C.res_destroy(c) // want `C memory c \(from C.res_new\) is freed twice: C.res_destroy frees it again after C.conn_close freed it`
	}
}

// A close whose result is dropped may have freed it: the second free is
// possible, and the report says so.
func closeUntested() {
	c := C.res_new()
	C.conn_close(c)
	C.res_destroy(c) // want `C memory c \(from C.res_new\) may be freed twice: C.res_destroy frees it again after C.conn_close may have freed it`
}

// Silent: destroyed only where the close failed (and freed nothing).
func destroyWhenCloseFails() {
	c := C.res_new()
	if C.conn_close(c) < 0 {
		C.res_destroy(c) // no-warning
	}
}

// The same through a Go wrapper that returns the C result: its summary
// frees its argument if its result is zero.
func closeConn(c *C.res) C.int { return C.conn_close(c) }

func retryWrapper() {
	c := C.res_new()
	for closeConn(c) != 0 { // no-warning
	}
}

func wrapperCloseAgain() {
	c := C.res_new()
	if closeConn(c) == 0 {
		C.res_destroy(c) // want `C memory c \(from C.res_new\) is freed twice: C.res_destroy frees it again after closeConn freed it`
	}
}

// Pattern 2. Silent: Release frees the handle only while f.valid, and clears
// the flag: Close and then Release again (or the finalizer) free nothing
// twice.
type F struct {
	h     *C.res
	valid bool
}

func NewF() *F {
	f := &F{h: C.res_new(), valid: true}
	runtime.SetFinalizer(f, (*F).Release)
	return f
}

func (f *F) Release() {
	if !f.valid {
		return
	}
	f.valid = false
	C.res_destroy(f.h)
}

func (f *F) Close() { f.Release() }

func closeF(f *F) {
	f.Close()
	f.Release() // no-warning
}

// The same guard never cleared: the second call frees again.
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

func (f *F2) Close() { f.Release() }

func closeF2(f *F2) {
	f.Close()
	f.Release() // want `C memory f.h is freed twice: \(\*F2\).Release frees it again after \(\*F2\).Close freed it`
}

// Silent: a nil guard on the field itself.
type S struct{ ptr *C.res }

func (s *S) Free() {
	if s.ptr == nil {
		return
	}
	C.res_destroy(s.ptr)
	s.ptr = nil
}

func freeS(s *S) {
	s.Free()
	s.Free() // no-warning
}

// Pattern 3. Silent: parse frees its argument only when it returns an
// error, and the caller returns on that error before its deferred free.
func parse(r *C.res) error {
	if C.res_check(r) < 0 {
		C.res_destroy(r)
		return errors.New("bad")
	}
	return nil
}

func parseCaller() error {
	r := C.res_new()
	if err := parse(r); err != nil {
		return err
	}
	defer C.res_destroy(r) // no-warning
	return nil
}

// Reported: the deferred free is in place before the call, and runs again
// on the error path.
func parseCallerDeferFirst() error {
	r := C.res_new()
	defer C.res_destroy(r) // want `C memory r \(from C.res_new\) is freed twice: the deferred C.res_destroy frees it again when parseCallerDeferFirst returns, after parse freed it`
	if err := parse(r); err != nil {
		return err
	}
	return nil
}

// Silent: the same with the error as the second result.
func parse2(r *C.res) (int, error) {
	if C.res_check(r) < 0 {
		C.res_destroy(r)
		return 0, errors.New("bad")
	}
	return 1, nil
}

func parse2Caller() (int, error) {
	r := C.res_new()
	n, err := parse2(r)
	if err != nil {
		return 0, err
	}
	C.res_destroy(r) // no-warning
	return n, nil
}

// Reported: freed again on the error path.
func parse2Buggy() (int, error) {
	r := C.res_new()
	n, err := parse2(r)
	if err != nil {
		C.res_destroy(r) // want `C memory r \(from C.res_new\) is freed twice: C.res_destroy frees it again after parse2 freed it`
		return 0, err
	}
	return n, nil
}

// Pattern 9. Silent: a release frees only when the count drops to zero (and
// deletes the key first); two releases of two references are no double free.
var refs = map[*C.res]int{}

func retain(r *C.res) { refs[r]++ }

func release(r *C.res) {
	refs[r]--
	if refs[r] == 0 {
		delete(refs, r)
		C.res_destroy(r)
	}
}

func shared() {
	r := C.res_new()
	retain(r)
	retain(r)
	release(r)
	release(r) // no-warning
}

// A release without the count, twice: reported.
func drop(r *C.res) { C.res_destroy(r) }

func dropTwice() {
	r := C.res_new()
	drop(r)
	drop(r) // want `C memory r \(from C.res_new\) is freed twice: drop frees it again after drop freed it`
}

// Silent: the same through cgo's wrapper around a call with a pointer to an
// incomplete type (go-sqlite3's Close: rv := C.sqlite3_close_v2(c.db); if rv
// != C.SQLITE_OK { ... }), retried while it fails.
func retryDBClose() {
	d := C.db_open()
	for C.db_close(d) != C.DB_OK { // no-warning
	}
}

// Silent: a retry around a close that only the destructor-name guess
// describes, through cgo's wrapper.
func retryDBRelease() {
	d := C.db_open()
	for C.db_release(d) != 0 { // no-warning
	}
}

// A helper that frees its argument on its error path through another helper
// whose every return is a non-nil error (govips's vipsDrawRect and
// handleImageError): the free waits on drawErr's result, and the caller's
// error branch returns with the field left set, which the finalizer frees
// again.
type Img struct{ p *C.res }

func NewImg() *Img {
	m := &Img{p: C.res_new()}
	runtime.SetFinalizer(m, func(m *Img) { C.res_destroy(m.p) })
	return m
}

func imgError(in *C.res) error {
	C.res_destroy(in)
	return errors.New("failed")
}

func drawErr(in *C.res) error {
	if C.res_check(in) != 0 {
		return imgError(in)
	}
	return nil
}

func (m *Img) Draw() error {
	err := drawErr(m.p) // want `m.p is freed by drawErr but left set, and the finalizer of m frees it again`
	if err != nil {
		return err
	}
	return nil
}

// The same with the release guarded by a nil check (govips's
// handleImageError): an exit where the pointer is nil frees it vacuously, so
// the helper frees its argument on every exit, as the C side counts it.
func imgErrorNil(in *C.res) error {
	if in != nil {
		C.res_destroy(in)
	}
	return errors.New("failed")
}

func drawErrNil(in *C.res) error {
	if C.res_check(in) != 0 {
		return imgErrorNil(in)
	}
	return nil
}

func (m *Img) DrawNil() error {
	err := drawErrNil(m.p) // want `m.p is freed by drawErrNil but left set, and the finalizer of m frees it again`
	if err != nil {
		return err
	}
	return nil
}
