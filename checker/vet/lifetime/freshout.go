// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package lifetime

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"cgolifetime/vet/cfacts"
)

// Ownership a C function gives away through a field (issue 20, pattern 5): a
// summary's `returns fresh` whose path is a field of what an argument points
// to (`$1->name`: res_fill callocs out->name for its caller to free). The
// block Go then loads from that field is fresh C memory that Go owns, as a
// fresh result is; a C function that later returns the same field borrowed
// (res_name) lends Go nothing that C owns.

// isFreshOut reports whether e hands out a fresh block through a field of
// an argument's block rather than as the result.
func isFreshOut(e cfacts.Effect) bool {
	if e.Effect != cfacts.Returns || e.Ownership != cfacts.Fresh {
		return false
	}
	p, ok := cfacts.ParsePath(e.Path)
	return ok && p.Arg > 0 && p.Derefs == 0 && len(p.Sels) > 0
}

// freshOut stores, at the field e's path names, a fresh C block that Go owns
// (one per call and path: the call run again makes it fresh again).
func (x *explorer) freshOut(s *state, in ssa.Value, name string, e cfacts.Effect, args []aval, pos token.Pos) {
	c := x.c
	p, _ := cfacts.ParsePath(e.Path)
	instr, ok := in.(ssa.Instruction)
	if !ok || p.Arg > len(args) {
		return
	}
	key := freshOutKey{instr, e.Path}
	t, seen := c.freshOuts[key]
	if !seen {
		t = c.newTok(&tok{kind: tkC, pos: pos, desc: cName(name)})
		if c.freshOuts == nil {
			c.freshOuts = map[freshOutKey]tokID{}
		}
		c.freshOuts[key] = t
	}
	x.fresh(s, t)
	ct := c.toks[t]
	ct.cfunc, ct.own, ct.ownSrc = name, cfacts.Fresh, e.Source.String()
	x.storePath(s, p, args, aval{{t: t}})
}

type freshOutKey struct {
	in   ssa.Instruction
	path string
}

// givenToGo reports whether t is a block a C function gave Go to own (a
// fresh result, or a fresh block through a field): a C function that
// returns it again, borrowed, does not make it C's.
func (c *checker) givenToGo(t tokID) bool {
	tk := c.toks[t]
	return tk.kind == tkC && tk.own == cfacts.Fresh
}
