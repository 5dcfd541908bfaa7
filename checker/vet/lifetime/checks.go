// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package lifetime

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/ssa"

	"cgolifetime/vet/cfacts"
)

// use notes that the values in a are read on this path: a pending
// MissingKeepAlive check of a block in a is satisfied (the block is still
// reachable after the C call).
func (x *explorer) use(s *state, a aval, _ ssa.Instruction) {
	if len(s.checks) == 0 || len(a) == 0 {
		return
	}
	for i := range s.checks {
		ch := &s.checks[i]
		if ch.done {
			continue
		}
		for _, e := range a {
			if e.t == ch.x && !e.byValue {
				ch.done = true
			}
		}
	}
}

// checkAccess reports a read, a write, a conversion or a C call through a
// pointer whose block was freed, and notes uses of parameters for the
// function's summary.
func (x *explorer) checkAccess(s *state, a aval, pos token.Pos, how string) {
	c := x.c
	for _, e := range a {
		if n, ok := s.freed[e.t]; ok {
			x.reportUse(e, n, pos, how)
			continue
		}
		if path, ok := c.paramPath(e.t); ok && e.sel == "" {
			c.summaryUses(x.top, path, how, pos)
			x.noteUseGuard(s, path)
		}
	}
}

// checkMapKey reports a map access keyed by a freed pointer that the map
// still holds as a key: the entry outlived the memory.
func (x *explorer) checkMapKey(s *state, m, k aval, pos token.Pos, mv ssa.Value) {
	for _, e := range k {
		n, ok := s.freed[e.t]
		if !ok {
			continue
		}
		for _, me := range m {
			cell, ok := s.heap[loc{me.t, "{k:t" + itoa(int(e.t)) + "}"}]
			if !ok {
				continue
			}
			for _, ke := range cell {
				if ke.t == e.t {
					name := x.c.exprName(mv, pos)
					x.reportUse(ke, n, pos, "map "+name+" still holds it as a key")
				}
			}
		}
	}
}

// checkGoPtrInC reports a store of a Go pointer into C memory.
func (x *explorer) checkGoPtrInC(s *state, addr, val aval, in *ssa.Store) {
	c := x.c
	for _, a := range addr {
		if !c.isCMemory(a.t) {
			continue
		}
		for _, v := range val {
			if !c.isGoMemory(v) {
				continue
			}
			ct, gt := c.toks[a.t], c.toks[v.t]
			hidden := ""
			if v.uintptr {
				hidden = " (hidden in an integer)"
			}
			msg := fmt.Sprintf("Go pointer %s%s is stored into C memory %s; the garbage collector does not see it there, and GOEXPERIMENT=cgocheck2 panics on it",
				c.valueName(v), hidden, c.locName(a, ct))
			f := &Finding{Checker: GoPointerInCMemory, Pos: in.Pos(), Message: msg}
			f.note(ct.pos, fmt.Sprintf("the C memory was allocated here by %s", ct.desc))
			f.note(gt.pos, fmt.Sprintf("the Go memory %s was allocated here", gt.desc))
			x.emit(f)
		}
	}
}

// goPointerKept reports a Go pointer passed to a C function that keeps it.
func (x *explorer) goPointerKept(v elem, by string, arg int, e cfacts.Effect, pos token.Pos) {
	c := x.c
	gt := c.toks[v.t]
	hidden := ""
	if v.uintptr {
		hidden = ", hidden in an integer,"
	}
	msg := fmt.Sprintf("Go pointer %s%s is passed to %s, which keeps its %s argument beyond the call (%s); use runtime/cgo.Handle or C memory",
		c.valueName(v), hidden, by, ordinal(arg), e.Source.String())
	f := &Finding{Checker: GoPointerKeptByC, Pos: pos, Message: msg}
	if gt.pos.IsValid() && gt.kind != tkParam {
		f.note(gt.pos, fmt.Sprintf("the Go memory %s was allocated here", gt.desc))
	}
	x.emit(f)
}

// atExit runs the checks that need a whole path: MissingKeepAlive, and a
// free of a field that a finalizer frees again.
func (x *explorer) atExit(s *state) {
	c := x.c
	x.keepAliveAtExit(s)
	for _, p := range s.heldPending {
		freed := true
		for _, ct := range p.containers {
			if _, ok := s.freed[ct]; !ok {
				freed = false
			}
		}
		if !freed {
			x.emit(p.f)
		}
	}
	for t, n := range s.freed {
		tk := c.toks[t]
		if tk.kind != tkLoaded || n.how != "freed" || n.weak {
			continue
		}
		owner := c.toks[tk.base]
		if (owner.kind != tkParam && owner.kind != tkGo && owner.kind != tkOpaque) || owner.typ == nil || s.finOff[tk.base] {
			continue
		}
		fin, field := c.finalizerOf(owner.typ, tk.sel)
		if fin == nil || fin.fn == x.top || c.isFinalizerFunc(x.top) {
			continue
		}
		if s.replaced(t, tk) || x.finalizerSkips(s, tk.base, fin, field) {
			continue // the field was cleared or set again, or a guard is off
		}
		msg := fmt.Sprintf("%s.%s is freed by %s but left set, and the finalizer of %s frees it again; set %s.%s = nil (or call runtime.SetFinalizer(%s, nil)) after freeing it",
			owner.desc, field, n.by, owner.desc, owner.desc, field, owner.desc)
		f := &Finding{Checker: GoFreesTwice, Pos: n.pos, Message: msg}
		f.note(fin.pos, fmt.Sprintf("the finalizer set here (%s) frees field %s with %s", fin.desc, field, fin.cfunc))
		x.emit(f)
	}
}

// reportUse reports a use of freed memory.
func (x *explorer) reportUse(e elem, n freeNote, pos token.Pos, how string) {
	if n.weak {
		return // possible only: "may have freed it" is no certain bug
	}
	c := x.c
	t := c.toks[e.t]
	by := n.by
	verb := n.how
	if n.maybe {
		verb = "may have " + verb
	}
	msg := fmt.Sprintf("C memory %s is used after %s %s it: %s", c.display(e.t), by, verb, how)
	if e.kept != nil && !strings.Contains(how, e.kept.what) {
		msg += fmt.Sprintf(" (Go kept it in %s)", e.kept.what)
	}
	f := &Finding{Checker: GoUsesFreed, Pos: pos, Message: msg}
	x.allocNote(f, t)
	f.note(n.pos, freedText(n))
	if e.kept != nil && e.kept.pos.IsValid() {
		f.note(e.kept.pos, "Go kept the pointer in "+e.kept.what+" here")
	}
	x.emit(f)
}

func freedText(n freeNote) string {
	verb := n.how
	if n.maybe {
		verb = "may be " + verb
	}
	s := fmt.Sprintf("%s here by %s", verb, n.by)
	if n.src != "" {
		s += " (" + n.src + ")"
	}
	return s
}

func (x *explorer) allocNote(f *Finding, t *tok) {
	if !t.pos.IsValid() {
		return
	}
	switch t.kind {
	case tkC:
		s := "allocated here by " + t.desc
		if t.own == cfacts.Borrowed {
			s = "returned here by " + t.desc + ", borrowed from its argument"
		}
		if t.ownSrc != "" {
			s += " (" + t.ownSrc + ")"
		}
		f.note(t.pos, s)
	case tkLoaded:
		if t.own == cfacts.Borrowed {
			f.note(t.pos, "returned here by "+t.desc+", borrowed ("+t.ownSrc+")")
		} else {
			f.note(t.pos, "the pointer was read here from "+t.desc)
		}
	}
}

// reportTwice reports a second free of one block.
func (x *explorer) reportTwice(s *state, t tokID, prev, now freeNote, pos token.Pos) {
	if prev.weak || now.weak {
		if prev.weak && !now.weak {
			s.freed[t] = now // freed for certain from here on
		}
		return // possible only
	}
	c := x.c
	tk := c.toks[t]
	// a fact that frees on some paths only makes the report possible, and
	// it says so
	twice, again, prevHow := "is freed twice", "frees it again", prev.how
	if prev.maybe || now.maybe {
		twice = "may be freed twice"
	}
	if now.maybe {
		again = "may free it again"
	}
	if prev.maybe {
		prevHow = "may have " + prev.how
	}
	msg := fmt.Sprintf("C memory %s %s: %s %s after %s %s it", c.display(t), twice, now.by, again, prev.by, prevHow)
	if n := len(x.deferring); n > 0 {
		msg = fmt.Sprintf("C memory %s %s: the deferred %s %s when %s returns, after %s %s it",
			c.display(t), twice, now.by, again, x.deferring[n-1].Name(), prev.by, prevHow)
	}
	f := &Finding{Checker: GoFreesTwice, Pos: pos, Message: msg}
	x.allocNote(f, tk)
	f.note(prev.pos, "first "+freedText(prev))
	x.emit(f)
}

// freer names what frees: "C.free", or "the deferred C.free when f returns"
// while deferred calls run.
func (x *explorer) freer(n freeNote) string {
	if k := len(x.deferring); k > 0 {
		return fmt.Sprintf("the deferred %s when %s returns", n.by, x.deferring[k-1].Name())
	}
	return n.by
}

// cHeldFinding describes a free of memory that a C function keeps.
func (x *explorer) cHeldFinding(t tokID, k cKeepNote, now freeNote, pos token.Pos) *Finding {
	c := x.c
	tk := c.toks[t]
	sep := " "
	if len(x.deferring) > 0 {
		sep = ", "
	}
	msg := fmt.Sprintf("C memory %s is freed by %s%swhile %s still keeps it", c.display(t), x.freer(now), sep, k.by)
	f := &Finding{Checker: GoFreesCHeld, Pos: pos, Message: msg}
	x.allocNote(f, tk)
	f.note(k.pos, fmt.Sprintf("%s keeps it beyond the call (%s)", k.by, k.src))
	c.heldFinding(f, t, k)
	return f
}

// reportCOwned reports a free of memory that C owns and lent to Go.
func (x *explorer) reportCOwned(t tokID, now freeNote, pos token.Pos) {
	c := x.c
	tk := c.toks[t]
	kind := "borrowed"
	if tk.own == cfacts.Static {
		kind = "static"
	}
	msg := fmt.Sprintf("C memory %s is freed by %s, but C owns it: %s returned it %s", c.display(t), x.freer(now), cName(tk.cfunc), kind)
	f := &Finding{Checker: GoFreesCHeld, Pos: pos, Message: msg}
	x.allocNote(f, tk)
	x.emit(f)
}

func (x *explorer) emit(f *Finding) {
	if x.report {
		x.c.add(f)
	}
}

func ordinal(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return itoa(n) + "th"
	case n%10 == 1:
		return itoa(n) + "st"
	case n%10 == 2:
		return itoa(n) + "nd"
	case n%10 == 3:
		return itoa(n) + "rd"
	}
	return itoa(n) + "th"
}
