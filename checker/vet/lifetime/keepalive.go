// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package lifetime

import (
	"fmt"
	"go/token"
	"go/types"
	"sort"

	"cgolifetime/vet/cfacts"
)

// MissingKeepAlive: a C pointer taken out of a Go value whose finalizer frees
// it is passed to a C call, and the value is not used after the call. The
// candidates are found path by path (keepAliveCandidates, use, atExit), then
// per function (flushKeepAlive: a use on some path is enough), then per
// package: a parameter that every caller of an unexported function uses
// after the call is alive (keptAliveByCallers, callers.go), and the places
// of one type and finalizer are one finding (emitKeepAlive).

// kaKey names a MissingKeepAlive candidate: the value and the C call.
type kaKey struct {
	x   tokID
	pos token.Pos
}

// kaPackage is what the package's MissingKeepAlive candidates share.
type kaPackage struct {
	found        []kaCheck // the candidates left after flushKeepAlive, in order
	callers      *callGraph
	ifaceMethods map[string]bool // the methods of the package's interface types, by Id
}

// keepAliveCandidates starts the MissingKeepAlive checks of a C call's
// arguments, but of those that the C function's facts say it never reads
// through (it stores the pointer or ignores it: Function.Opaque).
func (x *explorer) keepAliveCandidates(s *state, f *cfacts.Function, args []aval, pos token.Pos, cfunc string) {
	for i, a := range args {
		if f.OpaqueArg(i + 1) {
			continue
		}
		for _, e := range a {
			x.keepAliveCandidate(s, e, pos, cfunc)
		}
	}
}

// keepAliveCandidate starts a MissingKeepAlive check when t was read from a
// field of a Go value whose finalizer frees that field.
func (x *explorer) keepAliveCandidate(s *state, e elem, pos token.Pos, cfunc string) {
	c := x.c
	if e.from.t == 0 || len(e.from.sel) < 2 {
		return
	}
	base, sel := e.from.t, e.from.sel
	owner := c.toks[base]
	if owner.kind != tkParam && owner.kind != tkGo && owner.kind != tkOpaque {
		return
	}
	if owner.global != nil || owner.typ == nil {
		return
	}
	if owner.kind == tkGo && !s.finSet[base] {
		// allocated on this path, and no finalizer set on it yet (a
		// constructor's error path before its runtime.SetFinalizer)
		return
	}
	fin, field := c.finalizerOf(owner.typ, sel)
	if fin == nil || fin.fn == x.top || c.isFinalizerFunc(x.top) {
		return
	}
	for _, ch := range s.checks {
		if ch.x == base && ch.pos == pos {
			return
		}
	}
	s.checks = append(s.checks, kaCheck{x: base, pos: pos, cfunc: cfunc, fin: fin, field: field})
}

// keepAliveAtExit records the candidates of one exit state: those used
// after the call on this path, and those not (yet).
func (x *explorer) keepAliveAtExit(s *state) {
	for _, ch := range s.checks {
		key := kaKey{ch.x, ch.pos}
		if ch.done {
			// a use after the call on one path keeps the value alive
			// during the call on every path through it
			x.kaUsed[key] = true
			continue
		}
		if _, seen := x.kaPending[key]; !seen {
			x.kaPending[key] = ch
			x.kaOrder = append(x.kaOrder, key)
		}
	}
}

// flushKeepAlive keeps the MissingKeepAlive candidates of the paths explored
// since the last flush, but those where the value is used after the call on
// some path (the compiler keeps a value alive at a call when any path from
// the call uses it) and those where every caller of the function uses it
// after calling (keptAliveByCallers). emitKeepAlive reports them.
func (x *explorer) flushKeepAlive() {
	if x.report {
		for _, key := range x.kaOrder {
			if !x.kaUsed[key] && !x.c.keptAliveByCallers(key.x) {
				x.c.ka.found = append(x.c.ka.found, x.kaPending[key])
			}
		}
	}
	x.kaPending, x.kaUsed, x.kaOrder = map[kaKey]kaCheck{}, map[kaKey]bool{}, nil
}

// kaGroup is one root cause: a type and the finalizer that frees its fields.
type kaGroup struct {
	typ *types.TypeName
	fin string
}

// emitKeepAlive reports the package's MissingKeepAlive candidates, one
// finding per type and finalizer: at the first place, with the others as
// notes, and a fix for each place.
func (c *checker) emitKeepAlive() {
	found := c.ka.found
	sort.SliceStable(found, func(i, j int) bool { return found[i].pos < found[j].pos })
	groups := map[kaGroup][]kaCheck{}
	var order []kaGroup
	for _, ch := range found {
		g := kaGroup{namedOf(c.toks[ch.x].typ), fmt.Sprintf("%s@%d", ch.fin.desc, ch.fin.pos)}
		if groups[g] == nil {
			order = append(order, g)
		}
		groups[g] = append(groups[g], ch)
	}
	for _, g := range order {
		c.add(c.keepAliveFinding(g.typ, groups[g]))
	}
	c.ka.found = nil
}

// keepAliveFinding describes the places of one root cause.
func (c *checker) keepAliveFinding(tn *types.TypeName, places []kaCheck) *Finding {
	first := places[0]
	owner := c.toks[first.x]
	msg := fmt.Sprintf("%s may be collected while %s runs: its finalizer frees %s.%s, and %s is not used after the call; add runtime.KeepAlive(%s) after it",
		owner.desc, first.cfunc, owner.desc, first.field, owner.desc, owner.desc)
	if n := len(places) - 1; n > 0 {
		what := "a value"
		if tn != nil {
			what = "a " + tn.Name()
		}
		more := fmt.Sprintf("%d more C calls", n)
		if n == 1 {
			more = "1 more C call"
		}
		msg += fmt.Sprintf("; the same finalizer may run during %s on %s (notes), each fixed the same way", more, what)
	}
	f := &Finding{Checker: MissingKeepAlive, Pos: first.pos, Message: msg}
	f.note(first.fin.pos, fmt.Sprintf("the finalizer set here (%s) frees field %s with %s", first.fin.desc, first.field, first.fin.cfunc))
	for i, ch := range places {
		o := c.toks[ch.x]
		if i > 0 {
			f.note(ch.pos, fmt.Sprintf("also here: %s may be collected while %s runs (its finalizer frees %s.%s); add runtime.KeepAlive(%s) after it",
				o.desc, ch.cfunc, o.desc, ch.field, o.desc))
		}
		if o.kind == tkParam && o.param > 0 {
			f.Fixes = append(f.Fixes, Fix{Pos: ch.pos, Value: o.desc})
		}
	}
	return f
}
