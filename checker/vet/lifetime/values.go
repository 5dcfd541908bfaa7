// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package lifetime

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"cgolifetime/vet/cfacts"
)

// A token stands for one block of memory (or one closure) that the analysis
// follows through a function: the result of a C call, a Go allocation, what an
// incoming parameter points to, or what was read from a location nobody wrote
// in the function.
type tokID int32

type tokKind uint8

const (
	tkC       tokKind = iota + 1 // C memory: the result of a C call
	tkGo                         // Go memory: &x, new, make, a Go global
	tkParam                      // what an incoming parameter or free variable points to
	tkLoaded                     // the value read from a location nobody wrote in this function
	tkClosure                    // a function value with its bindings
	tkOpaque                     // what a Go call nothing describes returned
	tkResult                     // a call's result that a condition is pending on (conditions.go)
)

type tok struct {
	kind tokKind
	pos  token.Pos // where it was made or first read
	many bool      // stands for a block per round of a loop (elements.go)
	desc string    // for reports: "C.alloc_int", "&x", "b.p"
	name string    // the variable a C call's result was assigned to

	// C memory.
	cfunc   string // the C function that returned it
	own     string // cfacts.Fresh, Borrowed, Static, or "" (unknown)
	ownSrc  string // the fact that says so
	owner   []tokID
	invalBy []cfacts.Call

	// Loaded and parameter tokens: where the value was read from.
	base   tokID
	sel    string
	param  int // 1-based parameter index; -k for the k-th free variable
	inC    bool
	global *ssa.Global // a Go global, or read from one

	// Closures.
	fn       *ssa.Function
	bindings []aval
	typ      types.Type
}

// keptNote says where Go kept a pointer: a map, a struct field, a slice, an
// interface, a global, a closure.
type keptNote struct {
	pos  token.Pos
	what string
}

// elem is one possible value: a pointer to token t's memory at selector sel
// ("" for the block itself, ".f" for a field, "[*]" for any element).
type elem struct {
	t       tokID
	sel     string
	part    int8 // 1-based component of a tuple; 0 otherwise
	uintptr bool // the pointer went through an integer
	byValue bool // a copy of the struct or array at t.sel, not a pointer to it
	kept    *keptNote
	from    loc // the location it was last read from (from.t == 0: none)
}

// aval is the set of possible values of an SSA value or memory cell.
// Avals are immutable once built.
type aval []elem

func (a aval) has(t tokID) bool {
	for _, e := range a {
		if e.t == t {
			return true
		}
	}
	return false
}

func (a aval) tokens() []tokID {
	var out []tokID
	for _, e := range a {
		dup := false
		for _, o := range out {
			dup = dup || o == e.t
		}
		if !dup {
			out = append(out, e.t)
		}
	}
	return out
}

func union(a, b aval) aval {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := append(aval(nil), a...)
	for _, e := range b {
		dup := false
		for _, o := range a {
			if o.t == e.t && o.sel == e.sel && o.part == e.part && o.byValue == e.byValue {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out
}

// mapElems returns a copy of a with f applied to each element.
func mapElems(a aval, f func(elem) elem) aval {
	if len(a) == 0 {
		return nil
	}
	out := make(aval, len(a))
	for i, e := range a {
		out[i] = f(e)
	}
	return out
}

// withKept marks values as kept by Go at note, unless they already are.
func withKept(a aval, note *keptNote) aval {
	return mapElems(a, func(e elem) elem {
		if e.kept == nil {
			e.kept = note
		}
		return e
	})
}

// loc is a memory location: token t's memory at selector sel.
type loc struct {
	t   tokID
	sel string
}
