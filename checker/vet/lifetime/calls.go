// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package lifetime

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"cgolifetime/vet/cfacts"
)

// call executes one call on path s and returns the paths after it (several
// when an inlined closure forks).
func (x *explorer) call(s *state, cc *ssa.CallCommon, in ssa.Value, pos token.Pos) []*state {
	if b, ok := cc.Value.(*ssa.Builtin); ok {
		x.builtin(s, b.Name(), cc.Args, in, pos)
		return []*state{s}
	}
	var args []aval
	for _, a := range cc.Args {
		v := x.eval(s, a)
		x.use(s, v, nil)
		args = append(args, v)
	}
	if cc.IsInvoke() {
		x.use(s, x.eval(s, cc.Value), nil)
		return []*state{s}
	}
	return x.callWith(s, cc.StaticCallee(), x.eval(s, cc.Value), args, in, pos)
}

// callWith executes a call of a static callee (or of the closures in
// callee) with evaluated arguments; in receives the result (it may be nil).
func (x *explorer) callWith(s *state, fn *ssa.Function, callee aval, args []aval, in ssa.Value, pos token.Pos) []*state {
	c := x.c
	if fn == nil {
		// A dynamic call: follow it when it can only be one closure.
		toks := callee.tokens()
		if len(toks) == 1 && c.toks[toks[0]].kind == tkClosure {
			t := c.toks[toks[0]]
			return x.inline(s, t.fn, t.bindings, args, in, pos)
		}
		return []*state{s}
	}
	if name, ok := c.cgoName(fn); ok {
		if x.cgoPos.IsValid() {
			pos = x.cgoPos // the C call as written, not inside cgo's wrapper
		}
		x.cCall(s, name, fn, args, in, pos)
		return []*state{s}
	}
	if strings.HasPrefix(fn.Name(), "_cgo") && fn.Pkg != nil && fn.Pkg.Pkg == c.pass.Pkg {
		return []*state{s} // _cgoCheckPointer and friends
	}
	if obj := fn.Object(); obj != nil && obj.Pkg() != nil {
		switch obj.Pkg().Path() {
		case "runtime":
			x.runtimeCall(s, obj.Name(), args, pos)
			return []*state{s}
		case "runtime/cgo":
			return []*state{s} // NewHandle, Handle.Value, Handle.Delete: integers, not memory
		}
	}
	if fn.Parent() != nil && len(fn.Blocks) > 0 {
		var binds []aval
		for _, t := range callee.tokens() {
			if ct := c.toks[t]; ct.kind == tkClosure && ct.fn == fn {
				binds = ct.bindings
			}
		}
		if len(binds) < len(fn.FreeVars) {
			binds = make([]aval, len(fn.FreeVars))
		}
		return x.inline(s, fn, binds, args, in, pos)
	}
	f := c.funcFact(fn)
	if f == nil {
		x.opaqueResult(s, in, pos, funcDesc(fn, c.pass.Pkg))
		return []*state{s}
	}
	paths := x.splitOnGuards(s, f, args)
	for _, p := range paths {
		x.goCall(p, fn, f, args, in, pos)
		x.opaqueResult(p, in, pos, funcDesc(fn, c.pass.Pkg))
	}
	return paths
}

// opaqueResult gives the pointer result of a call nothing describes a token
// of unknown memory, so that what later calls do to its fields is followed.
func (x *explorer) opaqueResult(s *state, in ssa.Value, pos token.Pos, desc string) {
	if in == nil || len(s.env[in]) > 0 || !isPointer(in.Type()) {
		return
	}
	t := x.c.instrTok(in.(ssa.Instruction), tkOpaque, pos, "")
	tk := x.c.toks[t]
	tk.desc = x.c.names[pos]
	if tk.desc == "" {
		tk.desc = "the result of " + desc
	}
	x.fresh(s, t)
	x.set(s, in, aval{{t: t}})
}

// inline runs a closure on this path with its parameters and free variables
// bound, and returns the paths after it.
func (x *explorer) inline(s *state, fn *ssa.Function, binds []aval, args []aval, in ssa.Value, pos token.Pos) []*state {
	if x.depth >= maxInlineDeep || len(fn.Blocks) == 0 {
		return []*state{s}
	}
	cgoWrapper := isCgoWrapper(fn)
	for i, p := range fn.Params {
		if i < len(args) {
			x.set(s, p, args[i])
		}
	}
	for i, fv := range fn.FreeVars {
		var b aval
		if i < len(binds) {
			b = binds[i]
		}
		if !cgoWrapper {
			b = withKept(b, x.c.note(fn.Pos(), "a variable captured by a closure"))
		}
		x.set(s, fv, b)
	}
	pred, visits := s.pred, s.visits
	s.outerDefers = append(s.outerDefers, s.defers)
	s.visits, s.defers = map[*ssa.BasicBlock]int8{}, nil
	x.depth++
	outer := x.cgoPos
	if cgoWrapper && !outer.IsValid() {
		x.cgoPos = fn.Pos() // where the C call was written
	}
	exits := x.run(fn, s)
	x.cgoPos = outer
	x.depth--
	if len(exits) > maxExits {
		exits = exits[:maxExits]
	}
	for k, e := range exits {
		e.pred = pred
		if k == 0 {
			e.visits = visits
		} else {
			e.visits = make(map[*ssa.BasicBlock]int8, len(visits))
			for b, n := range visits {
				e.visits[b] = n
			}
		}
		n := len(e.outerDefers) - 1
		e.defers = append([]deferred(nil), e.outerDefers[n]...)
		e.outerDefers = e.outerDefers[:n:n]
		if in != nil {
			x.set(e, in, e.retval)
		}
		if cgoWrapper {
			// name the C call's result after the variable the wrapper's
			// result is assigned to
			for _, t := range e.retval.tokens() {
				if tk := x.c.toks[t]; tk.kind == tkC && tk.name == "" {
					tk.name = x.c.names[pos]
				}
			}
		}
		e.retval = nil
	}
	return exits
}

// runDefers runs the deferred calls of fn on this path, last first.
func (x *explorer) runDefers(s *state, fn *ssa.Function) []*state {
	x.deferring = append(x.deferring, fn)
	defer func() { x.deferring = x.deferring[:len(x.deferring)-1] }()
	paths := []*state{s}
	for len(s.defers) > 0 {
		d := s.defers[len(s.defers)-1]
		var next []*state
		for _, p := range paths {
			p.defers = p.defers[:len(p.defers)-1]
			cc := &d.instr.Call
			if _, ok := cc.Value.(*ssa.Builtin); ok || cc.IsInvoke() {
				next = append(next, p)
				continue
			}
			for _, a := range d.args {
				x.use(p, a, nil)
			}
			outer := x.cgoPos
			if !outer.IsValid() {
				x.cgoPos = d.instr.Pos() // a deferred C call is reported at its defer statement
			}
			next = append(next, x.callWith(p, cc.StaticCallee(), d.callee, d.args, nil, d.instr.Pos())...)
			x.cgoPos = outer
		}
		paths = next
		if len(paths) == 0 {
			return nil
		}
		s = paths[0]
	}
	return paths
}

// builtin executes a call of a builtin function.
func (x *explorer) builtin(s *state, name string, ops []ssa.Value, in ssa.Value, pos token.Pos) {
	var args []aval
	for _, o := range ops {
		a := x.eval(s, o)
		x.use(s, a, nil)
		args = append(args, a)
	}
	switch name {
	case "delete":
		keys := x.entryKeys(s, args[1], ops[1])
		for _, me := range args[0] {
			for _, k := range keys {
				if k == "?" {
					continue
				}
				delete(s.heap, loc{me.t, "{k:" + k + "}"})
				s.heap[loc{me.t, "{v:" + k + "}"}] = aval{} // no entry (entries.go)
			}
		}
	case "append":
		if in == nil {
			return
		}
		base := args[0]
		if len(base) == 0 {
			t := x.c.instrTok(in.(ssa.Instruction), tkGo, pos, "append")
			base = aval{{t: t}}
		}
		if len(args) > 1 {
			// the appended values are those of the spread slice's elements
			var elems aval
			for _, e := range args[1] {
				elems = union(elems, x.load(s, aval{{t: e.t, sel: e.sel + "[*]"}}, nil))
			}
			x.store(s, mapElems(base, func(e elem) elem { e.sel += "[*]"; return e }), elems,
				x.c.note(pos, "a slice"))
		}
		x.set(s, in, base)
	case "copy":
		var elems aval
		for _, e := range args[1] {
			elems = union(elems, x.load(s, aval{{t: e.t, sel: e.sel + "[*]"}}, nil))
		}
		x.store(s, mapElems(args[0], func(e elem) elem { e.sel += "[*]"; return e }), elems, x.c.note(pos, "a slice"))
	case "Slice", "String", "SliceData", "StringData", "Add":
		// unsafe.Slice(p, n), unsafe.String(p, n), unsafe.Add(p, n): the
		// result points into p's block.
		if name == "Slice" || name == "String" {
			x.checkAccess(s, args[0], pos, "converts it with unsafe."+name)
		}
		if in != nil && name != "String" && name != "StringData" {
			x.set(s, in, args[0])
		}
	}
}

// runtimeCall executes runtime.SetFinalizer and runtime.AddCleanup: it
// records which field of which type a finalizer frees.
func (x *explorer) runtimeCall(s *state, name string, args []aval, pos token.Pos) {
	c := x.c
	switch name {
	case "SetFinalizer":
		if len(args) != 2 {
			return
		}
		if len(args[1]) == 0 {
			for _, t := range args[0].tokens() {
				s.finOff[t] = true
			}
			return
		}
		for _, t := range args[0].tokens() {
			s.finSet[t] = true
		}
		for _, fn := range c.funcsOf(args[1]) {
			fn = c.declOf(fn)
			c.finFuncs[fn] = true
			sum := c.funcFact(fn)
			if sum == nil {
				continue
			}
			for _, fr := range sum.Frees {
				p, ok := cfacts.ParsePath(fr.Path)
				if !ok || p.Arg != 1 || p.Derefs > 0 || len(p.Sels) == 0 {
					continue
				}
				for _, t := range args[0].tokens() {
					c.addFinalizer(c.toks[t].typ, p.Sels[0], &finalizer{pos: pos,
						desc: "runtime.SetFinalizer with " + funcDesc(fn, c.pass.Pkg), cfunc: fr.Via, fn: fn})
				}
			}
		}
	case "AddCleanup":
		if len(args) != 3 {
			return
		}
		for _, t := range args[0].tokens() {
			s.finSet[t] = true
		}
		for _, fn := range c.funcsOf(args[1]) {
			fn = c.declOf(fn)
			c.finFuncs[fn] = true
			sum := c.funcFact(fn)
			if sum == nil {
				continue
			}
			for _, fr := range sum.Frees {
				if fr.Path != "$1" {
					continue
				}
				for _, ae := range args[2] {
					if ae.from.t == 0 || !args[0].has(ae.from.t) || !strings.HasPrefix(ae.from.sel, ".") {
						continue
					}
					c.addFinalizer(c.toks[ae.from.t].typ, strings.TrimPrefix(ae.from.sel, "."), &finalizer{pos: pos,
						desc: "runtime.AddCleanup with " + funcDesc(fn, c.pass.Pkg), cfunc: fr.Via, fn: fn})
				}
			}
		}
	}
}

// cCall executes a call of the C function name through cgo.
func (x *explorer) cCall(s *state, name string, fn *ssa.Function, args []aval, in ssa.Value, pos token.Pos) {
	c := x.c
	desc := cName(name)
	switch name {
	case "GoString", "GoStringN", "GoBytes":
		if len(args) > 0 {
			x.checkAccess(s, args[0], pos, "copies it with "+desc)
		}
		return // the result is Go memory, a copy
	}
	f := c.facts.DB.LookupShape(name, signatureOf(fn))
	var effects []cfacts.Effect
	if f != nil {
		effects = f.Effects
	}
	freedArgs := map[int]bool{}
	for _, e := range effects {
		if e.Effect == cfacts.Frees || e.Effect == cfacts.Moves {
			if p, ok := cfacts.ParsePath(e.Path); ok && p.IsArg() {
				freedArgs[p.Arg] = true
			}
		}
	}
	// Passing a freed pointer to C is a use (freeing it again is reported below).
	for i, a := range args {
		if !freedArgs[i+1] {
			x.checkAccess(s, a, pos, "passes it to "+desc)
		}
	}
	handleArgs := map[int]bool{}
	for _, k := range c.facts.Manifest.HandleArgs[name] {
		handleArgs[k] = true
	}
	// MissingKeepAlive candidates: a C pointer read from a field that a
	// finalizer frees.
	x.keepAliveCandidates(s, f, args, pos, desc)
	// keeps
	for i, e := range effects {
		if e.Effect != cfacts.Keeps {
			continue
		}
		if p, ok := cfacts.ParsePath(e.Path); ok && p.IsArg() && p.Arg <= len(args) && !handleArgs[p.Arg] {
			x.keepCaller(name, p.Arg, args[p.Arg-1], in, pos)
		}
		keep := func(s *state, _, _ bool) { x.cKeep(s, e, args, desc, pos, handleArgs) }
		if e.Condition == nil || !x.onCondition(s, e, i, in, pos, keep) {
			keep(s, false, false)
		}
	}
	// until: the end of a keeping
	for t, k := range s.keptByC {
		for i, u := range k.until {
			if u.Matches(name) && (u.Arg == 0 || (u.Arg <= len(args) && intersects(args[u.Arg-1].tokens(), k.untilAnchor(i)))) {
				delete(s.keptByC, t)
			}
		}
	}
	// frees and moves: a summary lists what the C function may do on each of
	// its paths (frees $1->list on one, moves it on another), so one call
	// frees one block once however many of its effects reach it
	byCall := map[tokID]bool{}
	for i, e := range effects {
		if e.Effect != cfacts.Frees && e.Effect != cfacts.Moves {
			continue
		}
		if x.onCondition(s, e, i, in, pos, func(s *state, maybe, weak bool) {
			x.cFree(s, e, args, desc, pos, map[tokID]bool{}, maybe, weak)
		}) {
			continue
		}
		x.cFree(s, e, args, desc, pos, byCall, false, false)
	}
	// invalidated_by: a borrowed pointer C returned on this path ends with
	// this call
	for _, t := range x.c.borrowed {
		bt := c.toks[t]
		for _, inv := range bt.invalBy {
			if !inv.Matches(name) {
				continue
			}
			if inv.Arg == 0 || (inv.Arg <= len(args) && intersects(args[inv.Arg-1].tokens(), bt.owner)) {
				if _, done := s.freed[t]; !done && x.isLent(s, t) {
					s.freed[t] = freeNote{pos: pos, by: desc, how: "invalidated", src: bt.ownSrc}
				}
			}
		}
	}
	// the result
	if in == nil {
		x.bindPending(s, nil)
		return
	}
	var res aval
	returned := false
	for _, e := range effects {
		if isFreshOut(e) {
			x.freshOut(s, in, name, e, args, pos)
			continue
		}
		if e.Effect != cfacts.Returns {
			continue
		}
		returned = true
		res = union(res, x.cResult(s, in, name, e, args, pos))
	}
	if !returned && isPointerLike(in.Type()) {
		t := c.instrTok(in.(ssa.Instruction), tkC, pos, desc)
		x.fresh(s, t)
		ct := c.toks[t]
		ct.cfunc = name
		res = aval{{t: t}}
	}
	x.set(s, in, res)
	x.anchorResult(s, pos, res)
	x.bindPending(s, in)
}

// cKeep applies one keeps effect of a C call.
func (x *explorer) cKeep(s *state, e cfacts.Effect, args []aval, desc string, pos token.Pos, handleArgs map[int]bool) {
	p, ok := cfacts.ParsePath(e.Path)
	if !ok || p.Arg == 0 || p.Arg > len(args) {
		return
	}
	kept := args[p.Arg-1]
	var at []loc
	if wp, ok := cfacts.ParsePath(e.Where); ok && wp.Arg > 0 && wp.Arg <= len(args) {
		at = x.storePath(s, wp, args, kept)
	}
	if p.IsArg() && !handleArgs[p.Arg] {
		x.keptByC(s, kept, e, desc, p.Arg, args, at, pos)
	}
}

// cFree applies one frees or moves effect of a C call (byCall: the blocks
// the call freed already); maybe and weak say it happens on some paths only.
func (x *explorer) cFree(s *state, e cfacts.Effect, args []aval, desc string, pos token.Pos, byCall map[tokID]bool, maybe, weak bool) {
	p, ok := cfacts.ParsePath(e.Path)
	if !ok || p.Arg == 0 || p.Arg > len(args) {
		return
	}
	how := "freed"
	if e.Effect == cfacts.Moves {
		how = "moved"
	}
	note := freeNote{pos: pos, by: desc, how: how, src: e.Source.String(), maybe: maybe || e.When == "maybe", weak: weak}
	if e.Condition != nil {
		note.src += ", " + e.Condition.String()
	}
	// $1->user: the C function reads the pointer from its argument's
	// storage itself
	through := len(p.Sels) > 0 || p.Derefs > 0
	var blocks aval
	for _, el := range x.resolvePath(s, p, args) {
		if !byCall[el.t] {
			byCall[el.t] = true
			blocks = append(blocks, el)
		}
	}
	x.free(s, blocks, note, pos, through)
}

// cResult builds the value a C call returns, per one 'returns' effect.
func (x *explorer) cResult(s *state, in ssa.Value, name string, e cfacts.Effect, args []aval, pos token.Pos) aval {
	c := x.c
	desc := cName(name)
	p, _ := cfacts.ParsePath(e.Path)
	switch e.Ownership {
	case cfacts.Argument:
		if p.Arg > 0 && p.Arg <= len(args) {
			return args[p.Arg-1]
		}
		return nil
	case cfacts.Borrowed:
		if len(p.Sels) > 0 || p.Derefs > 0 {
			// points into the argument's storage: the same block as
			// reading that path, so that freeing the path frees it
			owner := args[p.Arg-1]
			res := x.refilled(s, x.resolvePath(s, p, args), in, pos, desc)
			for _, el := range res {
				t := el.t
				if c.givenToGo(t) {
					continue // Go's own block, lent back (freshout.go)
				}
				bt := c.toks[t]
				bt.own, bt.ownSrc, bt.cfunc = cfacts.Borrowed, e.Source.String(), name
				bt.owner = owner.tokens()
				bt.invalBy = e.InvalidatedBy
				if bt.kind == tkLoaded {
					bt.desc, bt.pos, bt.name = desc, pos, c.names[pos]
					bt.kind = tkC
				}
				c.addBorrowed(t)
				if _, ok := s.lent[t]; !ok {
					s.lent[t] = el.from
				}
			}
			return res
		}
	}
	t := c.instrTok(in.(ssa.Instruction), tkC, pos, desc)
	x.fresh(s, t)
	ct := c.toks[t]
	ct.cfunc, ct.own, ct.ownSrc = name, e.Ownership, e.Source.String()
	if e.Ownership == cfacts.Borrowed && p.Arg > 0 && p.Arg <= len(args) {
		ct.owner = args[p.Arg-1].tokens()
		ct.invalBy = e.InvalidatedBy
		c.addBorrowed(t)
	}
	if e.Ownership == cfacts.Borrowed || e.Ownership == cfacts.Static {
		s.lent[t] = loc{}
	}
	return aval{{t: t}}
}

// refilled returns what a C function that returns a path of its argument
// ($1->name) reads there now. A block that a C function freed through that
// very location (rec_rename freeing $1->name) is not what is there now: C
// freed what its own struct held and put something else there (or nothing).
// That something is a new block, which the location holds from now on.
func (x *explorer) refilled(s *state, res aval, in ssa.Value, pos token.Pos, desc string) aval {
	var nt tokID
	return mapElems(res, func(e elem) elem {
		n, freed := s.freed[e.t]
		if !freed || n.at.t == 0 || n.at != e.from {
			return e
		}
		if nt == 0 {
			nt = x.c.instrTok(in.(ssa.Instruction), tkC, pos, desc)
			x.fresh(s, nt)
		}
		s.heap[e.from] = renameElems(s.heap[e.from], map[tokID]tokID{e.t: nt})
		e.t = nt
		return e
	})
}

// keptByC records that a C function keeps the pointer kept (its argument
// argIndex), and reports a Go pointer kept by C.
func (x *explorer) keptByC(s *state, kept aval, e cfacts.Effect, by string, argIndex int, args []aval, at []loc, pos token.Pos) {
	c := x.c
	anchor := 1
	if wp, ok := cfacts.ParsePath(e.Where); ok && wp.Arg > 0 {
		anchor = wp.Arg
	}
	var anchorToks []tokID
	if anchor <= len(args) {
		anchorToks = args[anchor-1].tokens()
	}
	for _, el := range kept {
		t := c.toks[el.t]
		switch {
		case c.isGoMemory(el):
			x.goPointerKept(el, by, argIndex, e, pos)
		case t.kind == tkC || t.kind == tkLoaded || t.kind == tkParam || t.kind == tkOpaque:
			if _, ok := s.keptByC[el.t]; !ok {
				s.keptByC[el.t] = cKeepNote{pos: pos, by: by, src: e.Source.String(), until: e.Until, anchor: anchorToks, at: at,
					sameAs: untilAnchors(e.Until, args)}
			}
			if path, ok := c.paramPath(el.t); ok {
				x.c.summaryKeeps(x.top, path, by, e.Source.String(), pos)
			}
		}
	}
}

// storePath stores val at the location an access path names and returns
// the locations it stored to.
func (x *explorer) storePath(s *state, p cfacts.Path, args []aval, val aval) []loc {
	base := args[p.Arg-1]
	for d := 0; d < p.Derefs; d++ {
		base = x.load(s, base, nil)
	}
	if len(p.Sels) == 0 {
		return nil
	}
	for _, sel := range p.Sels[:len(p.Sels)-1] {
		base = x.load(s, mapElems(base, func(e elem) elem { e.sel += selText(sel); return e }), nil)
	}
	last := selText(p.Sels[len(p.Sels)-1])
	addr := mapElems(base, func(e elem) elem { e.sel += last; return e })
	x.store(s, addr, val, nil)
	var at []loc
	for _, e := range addr {
		at = append(at, loc{e.t, e.sel})
	}
	return at
}

// resolvePath returns the pointers an access path names at a call.
func (x *explorer) resolvePath(s *state, p cfacts.Path, args []aval) aval {
	if p.Arg == 0 || p.Arg > len(args) {
		return nil
	}
	a := args[p.Arg-1]
	for d := 0; d < p.Derefs; d++ {
		a = x.load(s, a, nil)
	}
	for _, sel := range p.Sels {
		st := selText(sel)
		a = x.load(s, mapElems(a, func(e elem) elem { e.sel += st; return e }), nil)
	}
	return a
}

// clearField empties the field at the end of path p, as the callee whose
// summary says it cleared the field after freeing it did: one location only
// (a strong update), and never an element of a slice or map, which stands
// for all of them.
func (x *explorer) clearField(s *state, p cfacts.Path, args []aval) {
	if len(p.Sels) == 0 || p.Arg == 0 || p.Arg > len(args) {
		return
	}
	last := p.Sels[len(p.Sels)-1]
	p.Sels = p.Sels[:len(p.Sels)-1]
	base := x.resolvePath(s, p, args)
	if len(base) != 1 {
		return
	}
	e := base[0]
	if e.byValue {
		return // a copy: the caller's value keeps the field
	}
	sel := e.sel + selText(last)
	if strings.Contains(sel, "[*]") || strings.Contains(sel, "{") {
		return
	}
	s.heap[loc{e.t, sel}] = aval{}
	s.cond.set(subject{l: loc{e.t, sel}}, sZero)
}

func selText(sel string) string {
	if sel == "[*]" {
		return sel
	}
	return "." + sel
}

// free marks the blocks in a as freed by note. through says that a C
// function freed them through its argument's storage ($1->user, read by the
// C function itself); each value's from is then where it read the pointer. A
// C function that frees a pointer where a C function stored it (the keeping
// location) or lent it from is C managing its own memory: the keeping or the
// borrowing ends, and Go freed nothing C holds.
func (x *explorer) free(s *state, a aval, note freeNote, pos token.Pos, through bool) {
	c := x.c
	seen := map[tokID]bool{}
	for _, e := range a {
		t := e.t
		if seen[t] {
			continue
		}
		seen[t] = true
		tk := c.toks[t]
		if tk.kind == tkClosure {
			continue
		}
		n := note
		if through {
			n.at = e.from
		}
		if prev, ok := s.freed[t]; ok {
			if prev.at.t != 0 && n.at.t != 0 {
				// Two C calls each freed what a C struct holds, reading it
				// themselves: C may have set the field again in between (a
				// summary says what a function frees, not what it stores in
				// its place), and C's own double frees are the C side's.
				continue
			}
			x.reportTwice(s, t, prev, n, pos)
			continue
		}
		if k, ok := s.keptByC[t]; ok {
			if n.at.t == 0 || !k.storedAt(n.at) {
				f := x.cHeldFinding(t, k, n, pos)
				if cs := x.ownContainers(k); len(x.deferring) > 0 && cs != nil {
					s.heldPending = append(s.heldPending, heldPending{f: f, t: t, containers: cs})
				} else {
					x.emit(f)
				}
			}
		} else if x.cOwned(s, t, n.at) {
			x.reportCOwned(t, n, pos)
		}
		s.freed[t] = n
		delete(s.keptByC, t)
		// what was borrowed from the block on this path goes with it
		for _, b := range c.borrowed {
			if _, done := s.freed[b]; done || !x.isLent(s, b) {
				continue
			}
			for _, o := range c.toks[b].owner {
				if o == t {
					s.freed[b] = freeNote{pos: pos, by: n.by, how: "freed with its owner", src: c.toks[b].ownSrc}
				}
			}
		}
	}
}

// ownContainers returns the blocks the keeper stored the pointer in, when
// every one is C memory that a C call returned fresh to Go on this function's
// paths (Go owns it and frees it: make_strings for an argv); else nil.
func (x *explorer) ownContainers(k cKeepNote) []tokID {
	if len(k.at) == 0 {
		return nil
	}
	var out []tokID
	for _, l := range k.at {
		tk := x.c.toks[l.t]
		if tk.kind != tkC || tk.own != cfacts.Fresh {
			return nil
		}
		out = append(out, l.t)
	}
	return out
}

// cOwned reports whether t, freed on this path through at (none: not by a C
// function through its argument's storage), is memory that C owns and lent
// to Go: a static result, or a borrowed one that C returned on this path
// before the free, unless the free reads it from the location C lent it from.
func (x *explorer) cOwned(s *state, t tokID, at loc) bool {
	switch x.c.toks[t].own {
	case cfacts.Static:
		_, ok := s.lent[t]
		return ok
	case cfacts.Borrowed:
		from, ok := s.lent[t]
		return ok && (at.t == 0 || at != from)
	}
	return false
}

// isLent reports whether C returned the borrowed block t on this path (a
// block freed or invalidated before C returned it is not the borrowed one).
func (x *explorer) isLent(s *state, t tokID) bool {
	_, ok := s.lent[t]
	return ok
}

// goCall applies the summary of a Go function of this or another package.
func (x *explorer) goCall(s *state, fn *ssa.Function, f *FuncFact, args []aval, in ssa.Value, pos token.Pos) {
	c := x.c
	desc := funcDesc(fn, c.pass.Pkg)
	for _, u := range f.Uses {
		p, ok := cfacts.ParsePath(u.Path)
		if holds, _ := x.guardHolds(s, u.Guard, args); !ok || !holds {
			continue
		}
		x.checkAccess(s, x.resolvePath(s, p, args), pos, desc+" uses it ("+u.Via+" at "+u.At+")")
	}
	for _, k := range f.Keeps {
		p, ok := cfacts.ParsePath(k.Path)
		if !ok || !p.IsArg() || p.Arg > len(args) {
			continue
		}
		e := cfacts.Effect{Effect: cfacts.Keeps, Path: k.Path, Where: "library",
			Source: cfacts.Source{Kind: "go", Cite: k.Via + " at " + k.At + ", " + k.Cite}}
		x.keptByC(s, args[p.Arg-1], e, desc, p.Arg, args, nil, pos)
	}
	x.goFrees(s, f, args, in, pos, func(s *state, fr Effect) {
		p, ok := cfacts.ParsePath(fr.Path)
		if !ok {
			return
		}
		note := freeNote{pos: pos, by: desc, how: "freed", maybe: fr.Maybe, weak: fr.Weak,
			src: "it calls " + fr.Via + " at " + fr.At + " (" + fr.Cite + ")"}
		x.free(s, x.resolvePath(s, p, args), note, pos, fr.Storage)
		if fr.Cleared {
			x.clearField(s, p, args)
		}
	})
	for _, cl := range f.Clears {
		if p, ok := cfacts.ParsePath(cl); ok {
			x.clearField(s, p, args)
		}
	}
	x.applySets(s, f, args)
	if in != nil && f.Returns != nil {
		t := c.instrTok(in.(ssa.Instruction), tkC, pos, desc)
		x.fresh(s, t)
		ct := c.toks[t]
		ct.cfunc = f.Returns.Via
		ct.own = cfacts.Fresh
		x.set(s, in, aval{{t: t}})
	}
	if in != nil {
		x.bindPending(s, in)
	}
}

func intersects(a, b []tokID) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// cName renders a C function as Go code calls it.
func cName(name string) string {
	if name == "_CMalloc" {
		return "C.malloc"
	}
	return "C." + name
}

// signatureOf describes the parameters of a cgo _Cfunc_ wrapper for the
// shape rules: a C function pointer is *[0]byte, a void * unsafe.Pointer.
func signatureOf(fn *ssa.Function) cfacts.Signature {
	var sig cfacts.Signature
	params := fn.Signature.Params()
	for i := 0; i < params.Len(); i++ {
		t := params.At(i).Type()
		isFn := false
		if p, ok := t.Underlying().(*types.Pointer); ok {
			if a, ok := p.Elem().Underlying().(*types.Array); ok && a.Len() == 0 {
				isFn = true
			}
		}
		sig.FuncPtr = append(sig.FuncPtr, isFn)
		isVoid := false
		if b, ok := t.Underlying().(*types.Basic); ok && b.Kind() == types.UnsafePointer {
			isVoid = true
		}
		sig.VoidPtr = append(sig.VoidPtr, isVoid)
		sig.Pointer = append(sig.Pointer, isVoid || (isPointer(t) && !isFn))
	}
	return sig
}

// isCgoWrapper reports whether fn is a function literal that cgo wrote
// around a C call (to check pointer arguments): its locals are named _cgo*.
func isCgoWrapper(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			if call, ok := in.(*ssa.Call); ok {
				if callee := call.Call.StaticCallee(); callee != nil && strings.HasPrefix(callee.Name(), "_cgoCheckPointer") {
					return true
				}
			}
			if a, ok := in.(*ssa.Alloc); ok && strings.HasPrefix(a.Comment, "_cgo") {
				return true
			}
		}
	}
	for _, fv := range fn.FreeVars {
		if strings.HasPrefix(fv.Name(), "_cgo") {
			return true
		}
	}
	return false
}
