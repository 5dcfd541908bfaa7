// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package lifetime

import (
	"go/token"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Elements: each element of a slice, an array or a map, and each round of a
// loop, is a block of its own until proven otherwise.
//
// A summary location (x[*], m{v:...}) stands for all the elements of its
// container, and a token made by an instruction in a loop stands for the
// block of every round. Read as one block, for i := range arr { C.free(arr[i]) }
// frees it on the first round and again on the second. So a read of an
// element is named by its container and by its key: the index or map key as
// an SSA value, with the round of the loop it was computed in. Two reads with
// one key in one round are one element (freed twice when freed by both); two
// keys, or one key computed in two rounds, are two elements. A key the
// analysis cannot name makes an element of its own at each read.
//
// A summary location nobody wrote on the path holds one loaded token per
// element. A written one holds the tokens stored there; a token that stands
// for many blocks (made in a loop, or an element of another round) is split:
// the element is a token of its own, a copy of the stored one, unless the
// stored block was freed on this path by another name (then every block it
// stands for is).

// elemID names an element: the summary location, the key, and the stored
// token it was split from (0: nothing was stored there).
type elemID struct {
	l   loc
	key string
	t   tokID
}

// elemTable is the checker's part for elements.
type elemTable struct {
	toks map[elemID]tokID
	of   map[tokID]elemID // an element token's name
	// the keys of the values a closure captured, named where it was made
	// (a cgo wrapper reads ev[i] with ev and i captured)
	bound     map[*ssa.Function][]string
	boundVals map[*ssa.Function][]ssa.Value
	chains    map[*ssa.Function][][]string // the index keys on their addresses
	derefs    map[*ssa.Function][][]string // and on what the variables hold
	loops     map[*ssa.Function]map[*ssa.BasicBlock]bool
}

// inLoop reports whether instruction in can run more than once in one call
// of its function: its block is on a cycle.
func (c *checker) inLoop(in ssa.Instruction) bool {
	b := in.Block()
	if b == nil {
		return false
	}
	fn := b.Parent()
	if c.elems.loops == nil {
		c.elems.loops = map[*ssa.Function]map[*ssa.BasicBlock]bool{}
	}
	m, ok := c.elems.loops[fn]
	if !ok {
		m = loopBlocks(fn)
		c.elems.loops[fn] = m
	}
	return m[b]
}

// loopBlocks returns the blocks of fn that lie on a cycle (Tarjan's strongly
// connected components: a component of more than one block, or a block that
// jumps to itself).
func loopBlocks(fn *ssa.Function) map[*ssa.BasicBlock]bool {
	out := map[*ssa.BasicBlock]bool{}
	index := map[*ssa.BasicBlock]int{}
	low := map[*ssa.BasicBlock]int{}
	onStack := map[*ssa.BasicBlock]bool{}
	var stack []*ssa.BasicBlock
	var visit func(b *ssa.BasicBlock)
	visit = func(b *ssa.BasicBlock) {
		index[b] = len(index)
		low[b] = index[b]
		stack = append(stack, b)
		onStack[b] = true
		for _, s := range b.Succs {
			if _, seen := index[s]; !seen {
				visit(s)
				low[b] = min(low[b], low[s])
			} else if onStack[s] {
				low[b] = min(low[b], index[s])
			}
			if s == b {
				out[b] = true
			}
		}
		if low[b] != index[b] {
			return
		}
		var scc []*ssa.BasicBlock
		for {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[n] = false
			scc = append(scc, n)
			if n == b {
				break
			}
		}
		if len(scc) > 1 {
			for _, n := range scc {
				out[n] = true
			}
		}
	}
	for _, b := range fn.Blocks {
		if _, seen := index[b]; !seen {
			visit(b)
		}
	}
	return out
}

// indexKey names the element an index or a map key selects: "c:<constant>",
// "p<n>" for a parameter of the function explored (one value on every round),
// "v<n>@<round>" for a value it computed (another value on another round of
// the loop it is computed in), or "" when the analysis cannot name it (a value
// of an inlined closure, called once per round of its caller's loop).
func (x *explorer) indexKey(s *state, v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Const:
		return "c:" + v.String()
	case *ssa.Parameter:
		if v.Parent() == x.top {
			return "p" + strconv.FormatUint(ptrID(v), 36)
		}
	case *ssa.FreeVar:
		if v.Parent() == x.top {
			return "p" + strconv.FormatUint(ptrID(v), 36)
		}
		// a closure run now, where it was made (a deferred one runs after
		// later rounds made it again)
		if keys := x.c.elems.bound[v.Parent()]; len(x.deferring) == 0 {
			for i, fv := range v.Parent().FreeVars {
				if fv == v && i < len(keys) {
					return keys[i]
				}
			}
		}
	case *ssa.UnOp:
		// *i, i a variable nothing writes after its initialisation (a
		// loop's variable that a closure captures is one per round, and
		// cgo's wrappers capture it): the variable
		if v.Op == token.MUL {
			if k := x.indexKey(s, v.X); k != "" && !x.c.varWritten(v.X) {
				return "*" + k
			}
		}
		if v.Parent() == x.top && v.Block() != nil {
			return "v" + strconv.FormatUint(ptrID(v), 36) + "@" + itoa(int(s.visits[v.Block()]))
		}
	case ssa.Instruction:
		if v.Parent() == x.top && v.Block() != nil {
			return "v" + strconv.FormatUint(ptrID(v), 36) + "@" + itoa(int(s.visits[v.Block()]))
		}
	}
	return ""
}

// bindKeys names the values a closure captures, where it is made.
func (x *explorer) bindKeys(s *state, in *ssa.MakeClosure) {
	fn, ok := in.Fn.(*ssa.Function)
	if !ok {
		return
	}
	keys := make([]string, len(in.Bindings))
	chains := make([][]string, len(in.Bindings))
	derefs := make([][]string, len(in.Bindings))
	for i, b := range in.Bindings {
		keys[i] = x.indexKey(s, b)
		chains[i] = x.addrKeys(s, b)
		if v := initValue(b); v != nil {
			derefs[i] = x.addrKeys(s, v)
		}
	}
	if x.c.elems.derefs == nil {
		x.c.elems.derefs = map[*ssa.Function][][]string{}
	}
	x.c.elems.derefs[fn] = derefs
	if x.c.elems.chains == nil {
		x.c.elems.chains = map[*ssa.Function][][]string{}
	}
	x.c.elems.chains[fn] = chains
	if x.c.elems.bound == nil {
		x.c.elems.bound = map[*ssa.Function][]string{}
	}
	x.c.elems.bound[fn] = keys
	if x.c.elems.boundVals == nil {
		x.c.elems.boundVals = map[*ssa.Function][]ssa.Value{}
	}
	x.c.elems.boundVals[fn] = in.Bindings
}

// varWritten reports whether anything but its initialisation may write the
// variable v points to: a store to it (after the stores that follow an
// Alloc in its block, before anything else refers to it), or a store by a
// closure that captured it. A free variable is the value its closure
// captured where it was made.
func (c *checker) varWritten(v ssa.Value) bool {
	if fv, ok := v.(*ssa.FreeVar); ok {
		if storesTo(fv, nil) {
			return true
		}
		fn := fv.Parent()
		v = nil
		for i, f := range fn.FreeVars {
			if f == fv && i < len(c.elems.boundVals[fn]) {
				v = c.elems.boundVals[fn][i]
			}
		}
		if v == nil {
			return true
		}
		if _, ok := v.(*ssa.FreeVar); ok {
			return c.varWritten(v)
		}
	}
	switch v.(type) {
	case *ssa.Alloc, *ssa.Phi:
	default:
		return true // a pointer the function did not make a variable of
	}
	if storesTo(v, initStores(v)) {
		return true
	}
	for _, r := range *v.Referrers() {
		mc, ok := r.(*ssa.MakeClosure)
		if !ok {
			continue
		}
		other, ok := mc.Fn.(*ssa.Function)
		if !ok {
			return true
		}
		for i, b := range mc.Bindings {
			if b == v && i < len(other.FreeVars) && storesTo(other.FreeVars[i], nil) {
				return true
			}
		}
	}
	return false
}

// initValue returns the value an Alloc is initialised with, when it has one
// initialising store.
func initValue(v ssa.Value) ssa.Value {
	init := initStores(v)
	if len(init) != 1 {
		return nil
	}
	for st := range init {
		return st.(*ssa.Store).Val
	}
	return nil
}

// initStores returns the stores that initialise an Alloc: those that follow
// it in its block before any other instruction refers to it.
func initStores(v ssa.Value) map[ssa.Instruction]bool {
	a, ok := v.(*ssa.Alloc)
	if !ok || a.Block() == nil {
		return nil
	}
	refs := map[ssa.Instruction]bool{}
	for _, r := range *a.Referrers() {
		refs[r] = true
	}
	init := map[ssa.Instruction]bool{}
	started := false
	for _, in := range a.Block().Instrs {
		if in == ssa.Instruction(a) {
			started = true
			continue
		}
		if !started || !refs[in] {
			continue
		}
		if st, ok := in.(*ssa.Store); ok && st.Addr == v {
			init[in] = true
			continue
		}
		break
	}
	return init
}

// storesTo reports whether an instruction but those of init stores to the
// address v.
func storesTo(v ssa.Value, init map[ssa.Instruction]bool) bool {
	rs := v.Referrers()
	if rs == nil {
		return true
	}
	for _, r := range *rs {
		if st, ok := r.(*ssa.Store); ok && st.Addr == v && !init[st] {
			return true
		}
	}
	return false
}

// element returns what the element of summary location l with key holds: the
// cell written there, split, or a loaded token of its own when nobody wrote
// it on this path (written false).
func (x *explorer) element(s *state, l loc, key string, cell aval, written bool, in ssa.Instruction) aval {
	if !written {
		return aval{{t: x.c.elemTok(elemID{l, key, 0}, in)}}
	}
	return mapElems(cell, func(v elem) elem {
		t := v.t
		if v.byValue || !x.c.toks[t].many {
			return v
		}
		if _, freed := s.freed[t]; freed {
			return v // freed by another name: every block it stands for
		}
		v.t = x.c.elemTok(elemID{l, key, t}, in)
		if k, ok := s.keptByC[t]; ok {
			if _, done := s.freed[v.t]; !done {
				s.keptByC[v.t] = k
			}
		}
		return v
	})
}

// elemTok returns the token of an element; an element with no key is new at
// each read.
func (c *checker) elemTok(id elemID, in ssa.Instruction) tokID {
	if t, ok := c.elems.toks[id]; ok && id.key != "" {
		return t
	}
	var t tok
	if id.t != 0 {
		t = *c.toks[id.t]
	} else {
		base := c.toks[id.l.t]
		t = tok{kind: tkLoaded, base: id.l.t, sel: id.l.sel, inC: base.kind == tkC || base.inC, global: base.global,
			desc: selDesc(base.desc, id.l.sel)}
		if id.l.sel == mapSel {
			t.desc = strings.TrimPrefix(base.desc, "&") + "[k]"
		}
		if in != nil {
			t.pos = in.Pos()
			if v, ok := in.(ssa.Value); ok {
				t.typ = v.Type()
			}
		}
	}
	t.many = roundKey(id.key)
	n := c.newTok(&t)
	if c.elems.toks == nil {
		c.elems.toks, c.elems.of = map[elemID]tokID{}, map[tokID]elemID{}
	}
	if id.key != "" {
		c.elems.toks[id] = n
	}
	c.elems.of[n] = id
	return n
}

// roundKey reports whether a key names another element on another round.
func roundKey(key string) bool {
	return key == "" || strings.HasPrefix(key, "v") || strings.HasPrefix(key, "*v") || strings.HasPrefix(key, "n")
}

// loadKey names the element a load of a summary location reads: the keys of
// the indexes on its address (a[i][j] in an array of arrays, a[i].f through a
// copy of an element, p + i*size), outermost first, one per "[*]" of the
// location.
func (x *explorer) loadKey(s *state, l loc, in ssa.Instruction) string {
	var v ssa.Value
	switch in := in.(type) {
	case *ssa.UnOp:
		v = in.X
	case *ssa.Index:
		v = in
	case *ssa.Field:
		v = in
	}
	keys := x.addrKeys(s, v)
	if len(keys) != strings.Count(l.sel, "[*]") {
		return ""
	}
	for _, k := range keys {
		if k == "" {
			return ""
		}
	}
	// the walk went from the innermost index out
	out := make([]string, len(keys))
	for i, k := range keys {
		out[len(keys)-1-i] = k
	}
	return strings.Join(out, ",")
}

// addrKeys returns the keys of the indexes on the address v, innermost
// first; a variable a closure captured has those of the value it captured.
func (x *explorer) addrKeys(s *state, v ssa.Value) []string {
	var keys []string
	for v != nil {
		switch a := v.(type) {
		case *ssa.IndexAddr:
			keys = append(keys, x.indexKey(s, a.Index))
			v = a.X
		case *ssa.Index:
			keys = append(keys, x.indexKey(s, a.Index))
			v = a.X
		case *ssa.FieldAddr:
			v = a.X
		case *ssa.Field:
			v = a.X
		case *ssa.Convert:
			v = a.X
		case *ssa.ChangeType:
			v = a.X
		case *ssa.BinOp:
			base, off := x.offset(s, a)
			if off == nil {
				return keys
			}
			keys = append(keys, x.indexKey(s, off))
			v = base
		case *ssa.UnOp:
			// a copy of an aggregate element (a range variable) is read
			// where the element is
			if x.c.isAggregate(a) {
				v = a.X
				break
			}
			// a variable nothing writes after its initialisation holds
			// the address it was initialised with (q := &p[i], captured)
			if a.Op != token.MUL || x.c.varWritten(a.X) {
				return keys
			}
			if fv, ok := a.X.(*ssa.FreeVar); ok {
				if fv.Parent() != x.top && len(x.deferring) == 0 {
					for i, f := range fv.Parent().FreeVars {
						if f == fv && i < len(x.c.elems.derefs[fv.Parent()]) {
							keys = append(keys, x.c.elems.derefs[fv.Parent()][i]...)
						}
					}
				}
				return keys
			}
			if v = initValue(a.X); v == nil {
				return keys
			}
		case *ssa.FreeVar:
			if a.Parent() != x.top && len(x.deferring) == 0 {
				for i, fv := range a.Parent().FreeVars {
					if fv == a && i < len(x.c.elems.chains[a.Parent()]) {
						keys = append(keys, x.c.elems.chains[a.Parent()][i]...)
					}
				}
			}
			return keys
		default:
			return keys
		}
	}
	return keys
}

// offset splits a pointer sum base + off (uintptr arithmetic) whose offset
// is an integer that is no constant; off is nil for any other operation.
func (x *explorer) offset(s *state, in *ssa.BinOp) (base, off ssa.Value) {
	if in.Op != token.ADD {
		return nil, nil
	}
	bx, by := len(x.eval(s, in.X)) > 0, len(x.eval(s, in.Y)) > 0
	switch {
	case bx && !by:
		base, off = in.X, in.Y
	case by && !bx:
		base, off = in.Y, in.X
	default:
		return nil, nil
	}
	if _, ok := off.(*ssa.Const); ok {
		return nil, nil
	}
	return base, off
}

// pointerSum is the value of uintptr arithmetic: the blocks of its operands;
// base + i, i no constant, points to an element of base's block ("[*]": each
// i its own, as ev[i] is).
func (x *explorer) pointerSum(s *state, in *ssa.BinOp) aval {
	base, off := x.offset(s, in)
	if off == nil {
		return union(x.eval(s, in.X), x.eval(s, in.Y))
	}
	return mapElems(x.eval(s, base), func(e elem) elem {
		if !strings.HasSuffix(e.sel, "[*]") {
			e.sel += "[*]"
		}
		return e
	})
}
