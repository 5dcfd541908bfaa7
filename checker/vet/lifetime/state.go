// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package lifetime

import (
	"go/token"
	"hash/fnv"
	"reflect"

	"golang.org/x/tools/go/ssa"

	"cgolifetime/vet/cfacts"
)

// freeNote records that a block was freed (or moved, or invalidated).
type freeNote struct {
	pos   token.Pos
	by    string // "C.free_int", "C.sqlite3_step (invalidates it)", "(*Buf).Close"
	how   string // "freed", "moved", "invalidated"
	src   string // the fact's citation
	maybe bool   // freed on some paths through the callee only
	// possible only, never reported: a Go helper frees on some of its own
	// paths, by tests its caller cannot see (a reference count), or a
	// shape rule's guess whose result is tested (a retry)
	weak bool
	// where the C function that freed it read the pointer, when it freed
	// it through its argument's storage ($1->name): C freeing what its own
	// struct holds
	at loc
}

// cKeepNote records that a C function kept a block beyond the call.
type cKeepNote struct {
	pos    token.Pos
	by     string
	src    string
	until  []cfacts.Call
	anchor []tokID   // the tokens of the argument that 'until' compares with
	sameAs [][]tokID // per 'until' entry with a same_as: what it compares with instead (sameas.go)
	at     []loc     // where the keeper stored it ('where': $1->user)
}

// storedAt reports whether the keeper stored the pointer at l: a C function
// that frees it through l releases the keeping.
func (k cKeepNote) storedAt(l loc) bool {
	for _, a := range k.at {
		if a == l {
			return true
		}
	}
	return false
}

// deferred is a deferred call, with its operands evaluated at the defer.
type deferred struct {
	instr  *ssa.Defer
	callee aval
	args   []aval
}

// kaCheck is a MissingKeepAlive candidate: a C pointer taken out of x, whose
// type has a finalizer freeing it, was passed to a C call at pos.
type kaCheck struct {
	x     tokID
	xVal  ssa.Value
	pos   token.Pos
	cfunc string
	fin   *finalizer
	field string
	done  bool
}

// replaced reports whether the field that the loaded block t (tk) was read
// from holds something else now: cleared, or set again.
func (s *state) replaced(t tokID, tk *tok) bool {
	cell, ok := s.heap[loc{tk.base, tk.sel}]
	return tk.kind == tkLoaded && ok && !cell.has(t)
}

// heldPending is a GoFreesCHeld finding waiting for the end of its path.
type heldPending struct {
	f          *Finding
	t          tokID
	containers []tokID // the C memory the keeper stored the block in
}

// state is what the analysis knows on one path.
type state struct {
	env     map[ssa.Value]aval
	heap    map[loc]aval
	freed   map[tokID]freeNote
	keptByC map[tokID]cKeepNote
	finOff  map[tokID]bool // runtime.SetFinalizer(x, nil) was called
	finSet  map[tokID]bool // runtime.SetFinalizer(x, f) or AddCleanup(x, ...) was called on this path
	defers  []deferred
	// the deferred calls of the callers of an inlined function, innermost
	// last (restored when it returns)
	outerDefers [][]deferred
	checks      []kaCheck
	// GoFreesCHeld findings that wait for the end of the path: the block
	// was kept in C memory this function got fresh and owns (an argv Go
	// builds), and a deferred call freed it; if the container is freed
	// too, nothing read it after the free and no report is due
	heldPending []heldPending
	visits      map[*ssa.BasicBlock]int8
	pred        *ssa.BasicBlock // the block this path came from
	uses        map[tokID]token.Pos
	// the borrowed blocks C returned on this path, with the location the
	// C function read each from ($1->name; none for a result of its own)
	lent   map[tokID]loc
	retval aval
	cond   condPart // what branches know (conditions.go)
}

func newState() *state {
	return &state{
		env:     map[ssa.Value]aval{},
		heap:    map[loc]aval{},
		freed:   map[tokID]freeNote{},
		keptByC: map[tokID]cKeepNote{},
		finOff:  map[tokID]bool{},
		finSet:  map[tokID]bool{},
		visits:  map[*ssa.BasicBlock]int8{},
		uses:    map[tokID]token.Pos{},
		lent:    map[tokID]loc{},
	}
}

func (s *state) clone() *state {
	c := &state{
		env:         make(map[ssa.Value]aval, len(s.env)),
		heap:        make(map[loc]aval, len(s.heap)),
		freed:       make(map[tokID]freeNote, len(s.freed)),
		keptByC:     make(map[tokID]cKeepNote, len(s.keptByC)),
		finOff:      make(map[tokID]bool, len(s.finOff)),
		finSet:      make(map[tokID]bool, len(s.finSet)),
		defers:      append([]deferred(nil), s.defers...),
		outerDefers: append([][]deferred(nil), s.outerDefers...),
		checks:      append([]kaCheck(nil), s.checks...),
		heldPending: append([]heldPending(nil), s.heldPending...),
		visits:      make(map[*ssa.BasicBlock]int8, len(s.visits)),
		pred:        s.pred,
		uses:        make(map[tokID]token.Pos, len(s.uses)),
		lent:        make(map[tokID]loc, len(s.lent)),
		retval:      s.retval,
		cond:        s.cond.clone(),
	}
	for k, v := range s.env {
		c.env[k] = v
	}
	for k, v := range s.heap {
		c.heap[k] = v
	}
	for k, v := range s.freed {
		c.freed[k] = v
	}
	for k, v := range s.keptByC {
		c.keptByC[k] = v
	}
	for k, v := range s.finOff {
		c.finOff[k] = v
	}
	for k, v := range s.finSet {
		c.finSet[k] = v
	}
	for k, v := range s.visits {
		c.visits[k] = v
	}
	for k, v := range s.uses {
		c.uses[k] = v
	}
	for k, v := range s.lent {
		c.lent[k] = v
	}
	return c
}

// fingerprint hashes what matters for the rest of the path at block b: the
// live SSA values, the heap, the frees, the keeps, the defers, the checks.
// Two paths with one fingerprint at one block continue identically.
func (s *state) fingerprint(b *ssa.BasicBlock, live map[ssa.Value]bool) uint64 {
	h := newHash(uint64(b.Index))
	h.add(ptrID(s.pred))
	// The maps, in any order: a sum of their entries' hashes.
	var set uint64
	entry := func(tag uint64, parts ...uint64) {
		e := newHash(tag)
		for _, p := range parts {
			e.add(p)
		}
		set += mix(e.sum)
	}
	for v, a := range s.env {
		if len(a) > 0 && live[v] {
			entry(1, ptrID(v), avalHash(a))
		}
	}
	for l, a := range s.heap {
		entry(2, uint64(l.t), strHash(l.sel), avalHash(a))
	}
	for t, n := range s.freed {
		entry(3, uint64(t), uint64(n.pos), boolBit(n.maybe)|boolBit(n.weak)<<1, uint64(n.at.t), strHash(n.at.sel))
	}
	for t, n := range s.keptByC {
		entry(4, uint64(t), uint64(n.pos))
	}
	for t := range s.finOff {
		entry(5, uint64(t))
	}
	for t := range s.finSet {
		entry(6, uint64(t))
	}
	for t, p := range s.uses {
		entry(7, uint64(t), uint64(p))
	}
	for t, l := range s.lent {
		entry(8, uint64(t), uint64(l.t), strHash(l.sel))
	}
	h.add(set + s.cond.hash())
	// The deferred calls and the checks, in order.
	deferHash := func(d deferred) {
		h.add(ptrID(d.instr))
		h.add(avalHash(d.callee))
		for _, a := range d.args {
			h.add(avalHash(a))
		}
	}
	for _, d := range s.defers {
		deferHash(d)
	}
	for _, ds := range s.outerDefers {
		h.add(0x6f)
		for _, d := range ds {
			deferHash(d)
		}
	}
	for _, c := range s.checks {
		h.add(uint64(c.x))
		h.add(uint64(c.pos))
		h.add(boolBit(c.done))
	}
	for _, p := range s.heldPending {
		h.add(uint64(p.t))
		h.add(uint64(p.f.Pos))
	}
	return h.sum
}

// hash64 is an order-dependent 64-bit hash of a sequence of words
// (fingerprint, called at every block of every path, is hot: no strings).
type hash64 struct{ sum uint64 }

func newHash(seed uint64) *hash64 { return &hash64{mix(seed + 0x9e3779b97f4a7c15)} }

func (h *hash64) add(x uint64) { h.sum = mix(h.sum ^ mix(x+0x9e3779b97f4a7c15)) }

// mix is splitmix64's finalizer.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// ptrID is a pointer's address, nil included (the analysis keeps what it
// hashes alive, and Go's collector does not move heap objects).
func ptrID(p any) uint64 {
	v := reflect.ValueOf(p)
	if !v.IsValid() || v.IsNil() {
		return 0
	}
	return uint64(v.Pointer())
}

func strHash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// avalHash hashes a set of elements, in any order.
func avalHash(a aval) uint64 {
	var set uint64
	for _, e := range a {
		h := newHash(uint64(e.t))
		h.add(strHash(e.sel))
		h.add(uint64(e.part))
		h.add(boolBit(e.uintptr)<<1 | boolBit(e.byValue))
		h.add(ptrID(e.kept))
		set += mix(h.sum)
	}
	return mix(set ^ uint64(len(a)))
}
