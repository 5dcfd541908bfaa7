package a

/*
#include <stdlib.h>
static int *alloc_int(int v) { int *p = malloc(sizeof *p); *p = v; return p; }
static void free_int(int *p) { free(p); }
static int read_int(int *p) { return *p; }
static int *registered;
static void register_int(int *p) { registered = p; }
static int register_read(int *p) { registered = p; return *p; }
*/
import "C"

import "runtime"

// File's finalizer frees its C handle.
type File struct {
	h *C.int
	n int
}

func Open() *File {
	f := &File{h: C.alloc_int(1)}
	runtime.SetFinalizer(f, func(f *File) { C.free_int(f.h) })
	return f
}

// f is not used after the C call: the finalizer may run during it.
func (f *File) Read() int {
	return int(C.read_int(f.h)) // want `f may be collected while C.read_int runs: its finalizer frees f.h, and f is not used after the call; add runtime.KeepAlive\(f\) after it; the same finalizer may run during 2 more C calls on a File \(notes\), each fixed the same way`
}

// Fixed twin.
func (f *File) ReadKept() int {
	n := C.read_int(f.h)
	runtime.KeepAlive(f)
	return int(n)
}

// Fixed twin: a deferred KeepAlive.
func (f *File) ReadDeferred() int {
	defer runtime.KeepAlive(f)
	return int(C.read_int(f.h))
}

// KeepAlive applied to a copy does not keep f alive.
func (f *File) ReadCopy() int {
	c := *f
	n := C.read_int(f.h) // a note of the finding at Read (TestGrouped)
	runtime.KeepAlive(c)
	return int(n)
}

// Silent: f is used after the call, so it is reachable during it.
func (f *File) ReadCount() int {
	n := C.read_int(f.h)
	f.n++
	return int(n)
}

// A local value with a cleanup (runtime.AddCleanup).
type Handle struct{ p *C.int }

func useLocal() int {
	h := &Handle{p: C.alloc_int(2)}
	runtime.AddCleanup(h, func(p *C.int) { C.free_int(p) }, h.p)
	return int(C.read_int(h.p)) // want `h may be collected while C.read_int runs: its finalizer frees h.p`
}

func useLocalKept() int {
	h := &Handle{p: C.alloc_int(2)}
	runtime.AddCleanup(h, func(p *C.int) { C.free_int(p) }, h.p)
	n := C.read_int(h.p)
	runtime.KeepAlive(h)
	return int(n)
}

// Silent: a global is always reachable.
var shared = Open()

func readShared() int {
	return int(C.read_int(shared.h))
}

// Silent: no finalizer on this type.
type Plain struct{ h *C.int }

func (p *Plain) Read() int { return int(C.read_int(p.h)) }

// Silent: f is used after the call on the success path, which keeps it
// alive during the call on every path (mendersoftware/openssl's hmac.go,
// docs/realworld.md).
func (f *File) ReadChecked() (int, bool) {
	n := C.read_int(f.h)
	if n < 0 {
		return 0, false
	}
	runtime.KeepAlive(f)
	return int(n), true
}

// Not used after the call on any path: reported once.
func (f *File) ReadEither(twice bool) int {
	n := C.read_int(f.h) // a note of the finding at Read (TestGrouped)
	if twice {
		return int(n) * 2
	}
	return int(n)
}

// Silent: a constructor's error path, before the finalizer is set on the
// new value (mendersoftware/openssl's NewHMAC).
func OpenChecked() *File {
	f := &File{h: C.alloc_int(1)}
	if C.read_int(f.h) < 0 {
		C.free_int(f.h)
		return nil
	}
	runtime.SetFinalizer(f, func(f *File) { C.free_int(f.h) })
	return f
}

// Issue 20, pattern 6: an unexported helper whose every caller uses the
// value after calling it keeps the value alive across the C call inside.
type Conn struct {
	h *C.int
	n int
}

func NewConn() *Conn {
	c := &Conn{h: C.alloc_int(1)}
	runtime.SetFinalizer(c, func(c *Conn) { C.free_int(c.h) })
	return c
}

func (c *Conn) peek() int {
	return int(C.read_int(c.h)) // no-warning: Poll and Count use c after calling peek
}

func (c *Conn) Poll() int {
	n := c.peek()
	c.n += n
	return n
}

func (c *Conn) Count() int {
	n := c.peek()
	runtime.KeepAlive(c)
	return n
}

func peekConn(c *Conn) int {
	return int(C.read_int(c.h)) // no-warning: Sum uses c after calling it, through readConn
}

func readConn(c *Conn) int { return peekConn(c) }

func Sum(c *Conn) int {
	defer runtime.KeepAlive(c)
	return readConn(c)
}

// The buggy look-alike: Last does not use s after calling peek.
type Sock struct {
	h *C.int
	n int
}

func NewSock() *Sock {
	s := &Sock{h: C.alloc_int(1)}
	runtime.SetFinalizer(s, func(s *Sock) { C.free_int(s.h) })
	return s
}

func (s *Sock) peek() int {
	return int(C.read_int(s.h)) // want `s may be collected while C.read_int runs`
}

func (s *Sock) Poll() int {
	n := s.peek()
	s.n += n
	return n
}

func (s *Sock) Last() int { return s.peek() }

// Reported as before: an unexported method that an interface of the package
// names, on a type converted to an interface (its callers are not all
// known), though its one static caller uses p after it. (Conn's peek would
// count as one too if an interface of the package named a peek method.)
type Pipe struct {
	h *C.int
	n int
}

type scanner interface{ scan() int }

var _ scanner = (*Pipe)(nil)

func NewPipe() *Pipe {
	p := &Pipe{h: C.alloc_int(1)}
	runtime.SetFinalizer(p, func(p *Pipe) { C.free_int(p.h) })
	return p
}

func (p *Pipe) scan() int {
	return int(C.read_int(p.h)) // want `p may be collected while C.read_int runs`
}

func (p *Pipe) Poll() int {
	n := p.scan()
	p.n += n
	return n
}

// Reported as before: a helper used as a func value.
type Gate struct {
	h *C.int
	n int
}

func NewGate() *Gate {
	g := &Gate{h: C.alloc_int(1)}
	runtime.SetFinalizer(g, func(g *Gate) { C.free_int(g.h) })
	return g
}

func peekGate(g *Gate) int {
	return int(C.read_int(g.h)) // want `g may be collected while C.read_int runs`
}

func (g *Gate) Poll() int {
	n := peekGate(g)
	g.n += n
	return n
}

var gatePeek = peekGate

// Reported as before: a method used as a method value.
type Tube struct {
	h *C.int
	n int
}

func NewTube() *Tube {
	t := &Tube{h: C.alloc_int(1)}
	runtime.SetFinalizer(t, func(t *Tube) { C.free_int(t.h) })
	return t
}

func (t *Tube) peek() int {
	return int(C.read_int(t.h)) // want `t may be collected while C.read_int runs`
}

func (t *Tube) Poll() int {
	n := t.peek()
	t.n += n
	return n
}

func (t *Tube) Peeker() func() int { return t.peek }

// A C call that only stores the handle and never reads through it: the
// model of register_int says so (testdata/models/handles.json).
type Tag struct{ h *C.int }

func NewTag() *Tag {
	t := &Tag{h: C.alloc_int(1)}
	runtime.SetFinalizer(t, func(t *Tag) { C.free_int(t.h) })
	return t
}

func (t *Tag) Register() {
	C.register_int(t.h) // no-warning: register_int never reads through its argument (model)
}

// The buggy look-alike: register_read reads through it.
type Label struct{ h *C.int }

func NewLabel() *Label {
	l := &Label{h: C.alloc_int(1)}
	runtime.SetFinalizer(l, func(l *Label) { C.free_int(l.h) })
	return l
}

func (l *Label) Register() int {
	return int(C.register_read(l.h)) // want `l may be collected while C.register_read runs`
}

// One type, one finalizer, three places: one finding at the first, the
// others as notes (TestGrouped), a fix for each.
type Blob struct{ h *C.int }

func NewBlob() *Blob {
	b := &Blob{h: C.alloc_int(1)}
	runtime.SetFinalizer(b, func(b *Blob) { C.free_int(b.h) })
	return b
}

func (b *Blob) Len() int {
	return int(C.read_int(b.h)) // want `b may be collected while C.read_int runs: its finalizer frees b.h, and b is not used after the call; add runtime.KeepAlive\(b\) after it; the same finalizer may run during 2 more C calls on a Blob \(notes\), each fixed the same way`
}

func (b *Blob) Cap() int {
	return int(C.read_int(b.h)) // a note of the finding at Len
}

func blobSum(b *Blob) int {
	return int(C.read_int(b.h)) // a note of the finding at Len
}

func BlobSum(b *Blob) int { return blobSum(b) }
