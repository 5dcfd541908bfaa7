// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package lifetime

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// MaxSteps is the budget of the path exploration of one top-level function:
// the instructions executed over all its paths (the command's -max-steps).
// A function that runs out of it is named in a warning: the paths it did not
// follow may hold findings.
var MaxSteps = 40000

// Limits of the path exploration of one function.
const (
	maxVisits     = 2  // times one path may enter one block (loops run at most twice)
	maxInlineDeep = 4  // nested closure calls followed
	maxExits      = 16 // exit states of an inlined call kept
)

// explorer runs one top-level function and the closures it calls.
type explorer struct {
	c      *checker
	top    *ssa.Function
	steps  int
	report bool
	exits  []*state // exit states of the top-level function
	depth  int
	cgoPos token.Pos // inside a wrapper cgo wrote around a C call: that call's position
	live   map[*ssa.Function]map[*ssa.BasicBlock]map[ssa.Value]bool
	// uses of parameter-rooted tokens, for the function's summary
	paramUses map[tokID]token.Pos
	// the functions whose deferred calls run now, innermost last
	deferring []*ssa.Function
	// per block, what is live on entry (entryLive)
	entry map[*ssa.BasicBlock]map[ssa.Value]bool
	// MissingKeepAlive candidates of the exits seen so far (flushKeepAlive)
	kaPending map[kaKey]kaCheck
	kaUsed    map[kaKey]bool
	kaOrder   []kaKey
	// effects of the current call that wait on its result (conditions.go)
	newPending []pending
}

type workItem struct {
	s     *state
	b     *ssa.BasicBlock
	index int // next instruction
}

// run explores fn from state s and returns its exit states with their
// return values in s.retval.
func (x *explorer) run(fn *ssa.Function, s *state) []*state {
	if len(fn.Blocks) == 0 {
		return nil
	}
	live := x.liveness(fn)
	seen := map[uint64]bool{}
	var exits []*state
	work := []workItem{{s, fn.Blocks[0], 0}}
	s.pred = nil
	for len(work) > 0 && x.steps < MaxSteps {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		st, b := it.s, it.b
		if it.index == 0 {
			if st.visits[b] >= maxVisits {
				continue
			}
			st.visits[b]++
			entry := x.entryLive(fn, b, live[b])
			prune(st, fn, entry)
			x.settle(st)
			fp := st.fingerprint(b, entry)
			if seen[fp] {
				continue
			}
			seen[fp] = true
		}
	instrs:
		for i := it.index; i < len(b.Instrs); i++ {
			x.steps++
			switch in := b.Instrs[i].(type) {
			case *ssa.If:
				for _, br := range x.branch(st, in) {
					work = append(work, workItem{br.s, br.b, 0})
				}
				break instrs
			case *ssa.Jump:
				st.pred = b
				work = append(work, workItem{st, b.Succs[0], 0})
				break instrs
			case *ssa.Return:
				var ret aval
				for k, r := range in.Results {
					v := x.eval(st, r)
					if len(in.Results) > 1 {
						v = mapElems(v, func(e elem) elem { e.part = int8(k + 1); return e })
					}
					ret = union(ret, v)
				}
				st.retval = ret
				for _, o := range x.atReturn(st, in) {
					x.use(o, ret, nil)
					exits = append(exits, o)
				}
				break instrs
			case *ssa.Panic:
				break instrs
			case *ssa.Call:
				outs := x.call(st, in.Common(), in, in.Pos())
				for _, o := range outs {
					x.dropped(o, in)
				}
				if len(outs) == 1 {
					st = outs[0]
					continue
				}
				for _, o := range outs {
					work = append(work, workItem{o, b, i + 1})
				}
				break instrs
			case *ssa.RunDefers:
				outs := x.runDefers(st, fn)
				if len(outs) == 1 {
					st = outs[0]
					continue
				}
				for _, o := range outs {
					work = append(work, workItem{o, b, i + 1})
				}
				break instrs
			default:
				x.step(st, in)
			}
		}
	}
	return exits
}

// entryLive returns what is live on entry to b: the values live there, and
// the operands its phis read from any predecessor.
func (x *explorer) entryLive(fn *ssa.Function, b *ssa.BasicBlock, live map[ssa.Value]bool) map[ssa.Value]bool {
	if e, ok := x.entry[b]; ok {
		return e
	}
	e := live
	copied := false
	for _, instr := range b.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		if !copied {
			copied = true
			e = make(map[ssa.Value]bool, len(live)+len(phi.Edges))
			for v := range live {
				e[v] = true
			}
		}
		for _, v := range phi.Edges {
			e[v] = true
		}
	}
	x.entry[b] = e
	return e
}

// prune drops the values of fn that nothing after this point reads: paths
// are cloned at every branch, and the environment is most of a state.
func prune(s *state, fn *ssa.Function, entry map[ssa.Value]bool) {
	for v := range s.env {
		if !entry[v] && valueFunc(v) == fn {
			delete(s.env, v)
		}
	}
}

// valueFunc returns the function an SSA value belongs to, or nil.
func valueFunc(v ssa.Value) *ssa.Function {
	switch v := v.(type) {
	case ssa.Instruction:
		return v.Parent()
	case *ssa.Parameter:
		return v.Parent()
	case *ssa.FreeVar:
		return v.Parent()
	}
	return nil
}

// liveness returns, per block, the SSA values used in it or after it before
// being defined again: the values that matter to the rest of a path.
func (x *explorer) liveness(fn *ssa.Function) map[*ssa.BasicBlock]map[ssa.Value]bool {
	if l, ok := x.live[fn]; ok {
		return l
	}
	in := map[*ssa.BasicBlock]map[ssa.Value]bool{}
	uses := map[*ssa.BasicBlock]map[ssa.Value]bool{}
	defs := map[*ssa.BasicBlock]map[ssa.Value]bool{}
	for _, b := range fn.Blocks {
		u, d := map[ssa.Value]bool{}, map[ssa.Value]bool{}
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Phi); !ok {
				for _, op := range instr.Operands(nil) {
					if *op != nil && !d[*op] {
						u[*op] = true
					}
				}
			}
			if v, ok := instr.(ssa.Value); ok {
				d[v] = true
			}
		}
		// Phi operands are used at the end of the predecessor.
		for _, s := range b.Succs {
			for _, instr := range s.Instrs {
				phi, ok := instr.(*ssa.Phi)
				if !ok {
					break
				}
				for k, p := range s.Preds {
					if p == b && phi.Edges[k] != nil {
						u[phi.Edges[k]] = true
					}
				}
			}
		}
		uses[b], defs[b], in[b] = u, d, map[ssa.Value]bool{}
	}
	for changed := true; changed; {
		changed = false
		for k := len(fn.Blocks) - 1; k >= 0; k-- {
			b := fn.Blocks[k]
			set := in[b]
			add := func(v ssa.Value) {
				if !set[v] {
					set[v] = true
					changed = true
				}
			}
			for v := range uses[b] {
				add(v)
			}
			for _, s := range b.Succs {
				for v := range in[s] {
					if !defs[b][v] {
						add(v)
					}
				}
			}
		}
	}
	x.live[fn] = in
	return in
}

// eval returns the possible values of v on this path.
func (x *explorer) eval(s *state, v ssa.Value) aval {
	if a, ok := s.env[v]; ok {
		return a
	}
	switch v := v.(type) {
	case *ssa.Global:
		return aval{{t: x.c.globalTok(v)}}
	case *ssa.Function:
		return aval{{t: x.c.funcTok(v)}}
	case *ssa.Parameter, *ssa.FreeVar:
		t := x.c.paramTok(v)
		a := aval{{t: t}}
		s.env[v] = a
		return a
	}
	return nil
}

func (x *explorer) set(s *state, v ssa.Value, a aval) {
	if len(a) == 0 {
		delete(s.env, v)
		return
	}
	s.env[v] = a
}

// step is the transfer function of every instruction but calls and control.
func (x *explorer) step(s *state, instr ssa.Instruction) {
	c := x.c
	switch in := instr.(type) {
	case *ssa.Alloc:
		t := c.instrTok(in, tkGo, in.Pos(), c.allocDesc(in))
		x.fresh(s, t)
		x.set(s, in, aval{{t: t}})
	case *ssa.MakeSlice, *ssa.MakeMap, *ssa.MakeChan:
		v := in.(ssa.Value)
		t := c.instrTok(in, tkGo, v.Pos(), "make("+types.TypeString(v.Type(), types.RelativeTo(c.pass.Pkg))+")")
		x.fresh(s, t)
		x.set(s, v, aval{{t: t}})
	case *ssa.Phi:
		for k, p := range in.Block().Preds {
			if p == s.pred {
				x.set(s, in, x.eval(s, in.Edges[k]))
				return
			}
		}
		var a aval
		for _, e := range in.Edges {
			a = union(a, x.eval(s, e))
		}
		x.set(s, in, a)
	case *ssa.UnOp:
		a := x.eval(s, in.X)
		x.use(s, a, in)
		switch in.Op {
		case token.MUL:
			x.checkAccess(s, a, in.Pos(), "reads it")
			x.set(s, in, x.load(s, a, in))
		case token.ARROW:
			// a value received from a channel: unknown
		default:
			x.set(s, in, a)
		}
	case *ssa.BinOp:
		x.use(s, x.eval(s, in.X), in)
		x.use(s, x.eval(s, in.Y), in)
		switch in.Op {
		case token.ADD, token.SUB, token.AND, token.OR, token.AND_NOT, token.XOR:
			// pointer arithmetic on uintptr keeps the block (an offset
			// that varies points to an element: elements.go)
			x.set(s, in, x.pointerSum(s, in))
		}
	case *ssa.Convert:
		a := x.eval(s, in.X)
		x.use(s, a, in)
		switch {
		case isInteger(in.Type()):
			a = mapElems(a, func(e elem) elem { e.uintptr = true; return e })
		case isSlice(in.Type()):
			// []byte(s), []rune(s): a fresh copy in Go memory
			t := c.instrTok(in, tkGo, in.Pos(), types.TypeString(in.Type(), types.RelativeTo(c.pass.Pkg))+"(...)")
			x.fresh(s, t)
			a = aval{{t: t}}
		case isString(in.Type()):
			a = nil // a copy
		}
		x.set(s, in, a)
	case *ssa.ChangeType:
		x.set(s, in, x.eval(s, in.X))
	case *ssa.ChangeInterface:
		x.set(s, in, x.eval(s, in.X))
	case *ssa.MultiConvert:
		x.set(s, in, x.eval(s, in.X))
	case *ssa.SliceToArrayPointer:
		x.set(s, in, x.eval(s, in.X))
	case *ssa.MakeInterface:
		a := x.eval(s, in.X)
		x.use(s, a, in)
		x.set(s, in, withKept(a, c.note(in.Pos(), "an interface value")))
	case *ssa.TypeAssert:
		a := x.eval(s, in.X)
		if in.CommaOk {
			a = mapElems(a, func(e elem) elem { e.part = 1; return e })
		}
		x.set(s, in, a)
	case *ssa.Extract:
		a := x.eval(s, in.Tuple)
		var out aval
		for _, e := range a {
			if int(e.part) == in.Index+1 {
				e.part = 0
				out = append(out, e)
			}
		}
		x.set(s, in, out)
	default:
		if !x.stepMemory(s, instr) {
			x.stepOther(s, instr)
		}
	}
}

// stepMemory is the transfer function of the instructions that address,
// load and store memory; it reports whether instr is one of them.
func (x *explorer) stepMemory(s *state, instr ssa.Instruction) bool {
	c := x.c
	switch in := instr.(type) {
	case *ssa.FieldAddr:
		a := x.eval(s, in.X)
		x.use(s, a, in)
		name := fieldName(in.X.Type(), in.Field)
		x.set(s, in, mapElems(a, func(e elem) elem {
			e.sel += "." + name
			e.byValue = false
			return e
		}))
	case *ssa.Field:
		a := x.eval(s, in.X)
		x.use(s, a, in)
		name := fieldName(in.X.Type(), in.Field)
		var ptrs aval
		for _, e := range a {
			if e.byValue {
				e.sel += "." + name
				e.byValue = false
				ptrs = append(ptrs, e)
			}
		}
		x.set(s, in, x.load(s, ptrs, in))
	case *ssa.IndexAddr:
		a := x.eval(s, in.X)
		x.use(s, a, in)
		x.use(s, x.eval(s, in.Index), in)
		x.set(s, in, mapElems(a, func(e elem) elem {
			e.sel += "[*]"
			e.byValue = false
			return e
		}))
	case *ssa.Index:
		a := x.eval(s, in.X)
		x.use(s, a, in)
		var ptrs aval
		for _, e := range a {
			if e.byValue {
				e.sel += "[*]"
				e.byValue = false
				ptrs = append(ptrs, e)
			}
		}
		x.set(s, in, x.load(s, ptrs, in))
	case *ssa.Slice:
		a := x.eval(s, in.X)
		x.use(s, a, in)
		if !isString(in.Type()) {
			x.set(s, in, a)
		}
	case *ssa.Store:
		addr, val := x.eval(s, in.Addr), x.eval(s, in.Val)
		x.use(s, addr, in)
		x.use(s, val, in)
		x.checkAccess(s, addr, in.Pos(), "writes to it")
		x.checkGoPtrInC(s, addr, val, in)
		x.noteStore(s, addr, in.Val)
		x.store(s, addr, val, c.storeNote(in))
	default:
		return false
	}
	return true
}

// stepOther is the transfer function of maps, closures, defers and the
// instructions that only use their operands.
func (x *explorer) stepOther(s *state, instr ssa.Instruction) {
	c := x.c
	switch in := instr.(type) {
	case *ssa.MapUpdate:
		m, k, v := x.eval(s, in.Map), x.eval(s, in.Key), x.eval(s, in.Value)
		x.use(s, m, in)
		x.use(s, k, in)
		x.use(s, v, in)
		x.checkMapKey(s, m, k, in.Pos(), in.Map)
		note := c.note(in.Pos(), "map "+c.exprName(in.Map, in.Pos()))
		keys := x.entryKeys(s, k, in.Key)
		for _, key := range keys {
			for _, me := range m {
				kl, vl := loc{me.t, "{k:" + key + "}"}, loc{me.t, "{v:" + key + "}"}
				if len(m) == 1 && len(keys) == 1 && key != "?" {
					s.heap[kl], s.heap[vl] = withKept(k, note), withKept(v, note)
				} else {
					s.heap[kl] = union(s.heap[kl], withKept(k, note))
					s.heap[vl] = union(s.heap[vl], withKept(v, note))
				}
			}
		}
	case *ssa.Lookup:
		a := x.eval(s, in.X)
		x.use(s, a, in)
		if isString(in.X.Type()) {
			return
		}
		k := x.eval(s, in.Index)
		x.use(s, k, in)
		x.checkMapKey(s, a, k, in.Pos(), in.X)
		out := x.lookup(s, a, x.entryKeys(s, k, in.Index), in)
		if in.CommaOk {
			out = mapElems(out, func(e elem) elem { e.part = 1; return e })
		}
		x.set(s, in, out)
	case *ssa.Range:
		x.set(s, in, x.eval(s, in.X))
	case *ssa.Next:
		if in.IsString {
			return
		}
		x.set(s, in, x.next(s, x.eval(s, in.Iter), in))
	case *ssa.MakeClosure:
		var binds []aval
		for _, b := range in.Bindings {
			binds = append(binds, x.eval(s, b))
			x.use(s, x.eval(s, b), in)
		}
		fn := in.Fn.(*ssa.Function)
		x.bindKeys(s, in)
		t := c.closureTok(in, fn, binds)
		x.set(s, in, aval{{t: t}})
	case *ssa.Defer:
		d := deferred{instr: in, callee: x.eval(s, in.Call.Value)}
		for _, a := range in.Call.Args {
			d.args = append(d.args, x.eval(s, a))
		}
		s.defers = append(s.defers, d)
	case *ssa.Go, *ssa.Send, *ssa.Select, *ssa.DebugRef:
		for _, op := range instr.Operands(nil) {
			if *op != nil {
				x.use(s, x.eval(s, *op), instr)
			}
		}
	}
}

// fresh forgets what was known about the memory of t: it was just allocated
// (again, on the next round of a loop).
func (x *explorer) fresh(s *state, t tokID) {
	x.keepDeferred(s, t)
	x.forgetBlock(s, t)
	for l := range s.heap {
		if l.t == t {
			delete(s.heap, l)
		}
	}
	// The values read from the earlier block's locations are not the new
	// block's: a variable declared in a loop (var s *C.char, captured by
	// cgo's wrapper) that one round freed reads as an unknown value in the
	// next, not as the freed one (the loaded token of a location is one per
	// location).
	for u := range s.freed {
		if tk := x.c.toks[u]; tk.kind == tkLoaded && tk.base == t {
			x.forgetBlock(s, u)
		}
	}
}

// forgetBlock drops what the path knew about the block of t.
func (x *explorer) forgetBlock(s *state, t tokID) {
	delete(s.freed, t)
	delete(s.keptByC, t)
	delete(s.finOff, t)
	delete(s.finSet, t)
	delete(s.lent, t)
	s.cond.forget(t)
}

// keepDeferred runs before the block of an instruction's token t is made
// fresh (the instruction runs again, on a later round of a loop). A deferred
// call that can reach the earlier block (defer C.free(cs) in a loop: its
// argument, or the variable its closure captured) keeps it, as a token of
// its own with the earlier block's state, so that the deferred calls of two
// rounds do not free one block twice.
func (x *explorer) keepDeferred(s *state, t tokID) {
	if len(s.defers) == 0 && len(s.outerDefers) == 0 {
		return
	}
	levels := append(append([][]deferred(nil), s.outerDefers...), s.defers)
	c := x.c
	// What the deferred calls reach: their operands, the variables their
	// closures captured, and what those hold.
	reach := map[tokID]bool{}
	var work []tokID
	add := func(a aval) {
		for _, e := range a {
			if !reach[e.t] {
				reach[e.t] = true
				work = append(work, e.t)
			}
		}
	}
	for _, ds := range levels {
		for _, d := range ds {
			add(d.callee)
			for _, a := range d.args {
				add(a)
			}
		}
	}
	for len(work) > 0 {
		r := work[len(work)-1]
		work = work[:len(work)-1]
		for _, b := range c.toks[r].bindings {
			add(b)
		}
		for l, v := range s.heap {
			if l.t == r {
				add(v)
			}
		}
	}
	if !reach[t] {
		return
	}
	old := *c.toks[t]
	ren := map[tokID]tokID{t: c.newTok(&old)}
	// Closures that captured t directly get a copy that captured the earlier
	// block.
	for r := range reach {
		k := c.toks[r]
		if k.kind != tkClosure {
			continue
		}
		captured := false
		for _, b := range k.bindings {
			captured = captured || b.has(t)
		}
		if captured {
			nk := *k
			nk.bindings = make([]aval, len(k.bindings))
			for i, b := range k.bindings {
				nk.bindings[i] = renameElems(b, ren)
			}
			ren[r] = c.newTok(&nk)
		}
	}
	renamed := func(ds []deferred) []deferred {
		out := make([]deferred, len(ds))
		for i, d := range ds {
			d.callee = renameElems(d.callee, ren)
			args := make([]aval, len(d.args))
			for j, a := range d.args {
				args[j] = renameElems(a, ren)
			}
			d.args = args
			out[i] = d
		}
		return out
	}
	s.defers = renamed(s.defers)
	outer := make([][]deferred, len(s.outerDefers))
	for i, ds := range s.outerDefers {
		outer[i] = renamed(ds)
	}
	s.outerDefers = outer
	for l, v := range s.heap {
		if reach[l.t] {
			s.heap[l] = renameElems(v, ren)
		}
	}
	for l, v := range s.heap {
		if n, ok := ren[l.t]; ok {
			s.heap[loc{n, l.sel}] = v
		}
	}
	nt := ren[t]
	if n, ok := s.freed[t]; ok {
		s.freed[nt] = n
	}
	if k, ok := s.keptByC[t]; ok {
		s.keptByC[nt] = k
	}
	if f, ok := s.finOff[t]; ok {
		s.finOff[nt] = f
	}
	if f, ok := s.finSet[t]; ok {
		s.finSet[nt] = f
	}
	if l, ok := s.lent[t]; ok {
		s.lent[nt] = l
	}
}

// renameElems replaces the tokens of a by their new names in ren.
func renameElems(a aval, ren map[tokID]tokID) aval {
	return mapElems(a, func(e elem) elem {
		if n, ok := ren[e.t]; ok {
			e.t = n
		}
		return e
	})
}

// load returns what the locations in addr hold; a location nobody wrote on
// this path holds a loaded token, the same for every read of an exact
// location and a new one for each read of a summary location (an element of
// a slice or array).
func (x *explorer) load(s *state, addr aval, in ssa.Instruction) aval {
	var out aval
	for _, e := range addr {
		l := loc{e.t, e.sel}
		cell, ok := s.heap[l]
		if !ok {
			if copied := x.throughCopy(s, e); copied != nil {
				out = union(out, x.load(s, copied, in))
				continue
			}
		}
		if in != nil && strings.Contains(e.sel, "[*]") && !x.c.isAggregate(in) {
			// one element, not all of them (a summary's $1[*]): elements.go
			cell = x.element(s, l, x.loadKey(s, l, in), cell, ok, in)
		} else if !ok {
			t := x.c.loadedTok(l, in, strings.Contains(e.sel, "[*]"))
			cell = aval{{t: t}}
			if !strings.Contains(e.sel, "[*]") {
				s.heap[l] = cell
			}
		}
		if x.c.isAggregate(in) {
			// a struct or array value: remember where it was copied from
			cell = aval{{t: e.t, sel: e.sel, byValue: true, kept: e.kept}}
		}
		from := loc{}
		if !strings.Contains(e.sel, "[*]") && !strings.Contains(e.sel, "{") {
			from = l
		}
		out = union(out, mapElems(cell, func(v elem) elem {
			if v.kept == nil {
				v.kept = e.kept
			}
			if !v.byValue {
				v.from = from
			}
			return v
		}))
	}
	return out
}

// throughCopy resolves a location inside a struct or array that holds a copy
// (a range variable of a slice of structs, e := *p): the field e.disk of the
// copy is the field disk of what was copied, until the copy's field is
// written. It returns nil when no enclosing location holds a copy.
func (x *explorer) throughCopy(s *state, e elem) aval {
	for i := len(e.sel) - 1; i >= 0; i-- {
		if c := e.sel[i]; c != '.' && c != '[' && c != '{' {
			continue
		}
		cell, ok := s.heap[loc{e.t, e.sel[:i]}]
		if !ok {
			continue
		}
		var out aval
		for _, v := range cell {
			if !v.byValue {
				return nil
			}
			v.sel += e.sel[i:]
			v.byValue = false
			if v.kept == nil {
				v.kept = e.kept
			}
			out = append(out, v)
		}
		return out
	}
	return nil
}

// store writes val to the locations in addr: a strong update of one exact
// location, else a weak one.
func (x *explorer) store(s *state, addr, val aval, note *keptNote) {
	if note != nil {
		val = withKept(val, note)
	}
	for _, e := range addr {
		l := loc{e.t, e.sel}
		if len(addr) == 1 && !strings.Contains(e.sel, "[*]") {
			s.heap[l] = val
		} else {
			s.heap[l] = union(s.heap[l], val)
		}
	}
}

// entryKeys names the map entries a key value selects: "c:<constant>", one
// "t<id>" per block the key points to, else the key's value (mapKey).
func (x *explorer) entryKeys(s *state, k aval, key ssa.Value) []string {
	if cst, ok := key.(*ssa.Const); ok {
		return []string{"c:" + cst.String()}
	}
	var keys []string
	for _, t := range k.tokens() {
		keys = append(keys, "t"+itoa(int(t)))
	}
	if len(keys) == 0 {
		keys = []string{x.mapKey(s, key)}
	}
	return keys
}
