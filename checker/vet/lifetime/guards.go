// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package lifetime

import (
	"go/token"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"

	"cgolifetime/vet/cfacts"
)

// Guards and conditions in Go functions' summaries: which field of a
// parameter on entry decides a free or a use (if !f.valid { return }), which
// condition on the result goes with a free (an error path), which fields a
// function leaves set to a constant (f.valid = false); and how a caller
// applies them on its path (conditions.go has the branches).

// Guard is the field that decides whether a Go function frees: it frees
// only when the field at Path had Signs on entry (1 negative, 2 zero or
// false or nil, 4 positive or true).
type Guard struct {
	Path  string
	Signs uint8
}

// Cond is the condition on a Go function's result under which it frees: its
// result (Part, 1-based, of several; 0 for the only one) has Signs.
type Cond struct {
	Part  int
	Signs uint8
}

// FieldValue is a field a Go function leaves set to a constant of Signs on
// every path (f.valid = false).
type FieldValue struct {
	Path  string
	Signs uint8
}

// freeCondition finds why the exits of a function that free path do so and
// the others do not: a guard on a parameter's field on entry, or a
// condition on a result. It returns false when neither explains it.
func (c *checker) freeCondition(e *Effect, exits []*state, path string) bool {
	var in, out []*state
	for _, s := range exits {
		if c.freesPath(s, path) {
			in = append(in, s)
		} else {
			out = append(out, s)
		}
	}
	if len(in) == 0 || len(out) == 0 {
		return false
	}
	if g := c.guardOf(in, out); g != nil {
		e.Guard = g
		return true
	}
	if k := condOf(in, out); k != nil {
		e.Cond = k
		return true
	}
	return false
}

func (c *checker) freesPath(s *state, path string) bool {
	for t, n := range s.freed {
		if p, ok := c.paramPath(t); ok && p == path && n.how != "invalidated" {
			return true
		}
	}
	return false
}

// guardOf returns a field of a parameter that every freeing exit assumed to
// be one way on entry, and every other exit the other way.
func (c *checker) guardOf(in, out []*state) *Guard {
	var cands []loc
	for l := range in[0].cond.assumed {
		cands = append(cands, l)
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].t != cands[j].t {
			return cands[i].t < cands[j].t
		}
		return cands[i].sel < cands[j].sel
	})
next:
	for _, l := range cands {
		base, ok := c.paramPath(l.t)
		if !ok || !exactSel(l.sel) || l.sel == "" {
			continue
		}
		var g signs
		for _, s := range in {
			v, ok := s.cond.assumed[l]
			if !ok {
				continue next
			}
			g |= v
		}
		for _, s := range out {
			if v, ok := s.cond.assumed[l]; !ok || v&g != 0 {
				continue next
			}
		}
		return &Guard{Path: fieldPath(base, l.sel), Signs: uint8(g)}
	}
	return nil
}

// condOf returns a condition on one result that holds on every freeing exit
// and on no other; the last result first (Go's error).
func condOf(in, out []*state) *Cond {
	n := len(in[0].cond.ret)
next:
	for k := n - 1; k >= 0; k-- {
		var r signs
		for _, s := range in {
			if len(s.cond.ret) != n {
				return nil
			}
			r |= s.cond.ret[k]
		}
		if r == sAll {
			continue
		}
		for _, s := range out {
			if len(s.cond.ret) != n || s.cond.ret[k]&r != 0 {
				continue next
			}
		}
		part := 0
		if n > 1 {
			part = k + 1
		}
		return &Cond{Part: part, Signs: uint8(r)}
	}
	return nil
}

// setFields returns the fields of parameters that every exit knows to hold
// one constant's sign, as access paths, sorted.
func (c *checker) setFields(exits []*state) []FieldValue {
	if len(exits) == 0 {
		return nil
	}
	var out []FieldValue
	for k, v := range exits[0].cond.known {
		if k.l.t == 0 || k.l.sel == "" || !exactSel(k.l.sel) {
			continue
		}
		base, ok := c.paramPath(k.l.t)
		if !ok {
			continue
		}
		for _, e := range exits[1:] {
			w, ok := e.cond.known[k]
			if !ok {
				v = sAll
				break
			}
			v |= w
		}
		if v != sAll && v != sZero|sPos { // not "true or false"
			out = append(out, FieldValue{Path: fieldPath(base, k.l.sel), Signs: uint8(v)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// fieldLoc returns the one exact location an access path to a field names
// at a call.
func (x *explorer) fieldLoc(s *state, path string, args []aval) (loc, bool) {
	p, ok := cfacts.ParsePath(path)
	if !ok || len(p.Sels) == 0 || p.Arg == 0 || p.Arg > len(args) {
		return loc{}, false
	}
	last := p.Sels[len(p.Sels)-1]
	p.Sels = p.Sels[:len(p.Sels)-1]
	base := x.resolvePath(s, p, args)
	if len(base) != 1 || base[0].byValue {
		return loc{}, false
	}
	sel := base[0].sel + selText(last)
	if !exactSel(sel) {
		return loc{}, false
	}
	return loc{base[0].t, sel}, true
}

// splitOnGuards returns the paths a call of a Go function with guarded frees
// takes: one per side of each guard that this path does not decide.
func (x *explorer) splitOnGuards(s *state, f *FuncFact, args []aval) []*state {
	paths := []*state{s}
	seen := map[loc]bool{}
	for _, fr := range append(f.Frees[:len(f.Frees):len(f.Frees)], f.Uses...) {
		if fr.Guard == nil {
			continue
		}
		l, ok := x.fieldLoc(s, fr.Guard.Path, args)
		if !ok || seen[l] || len(seen) >= 2 {
			continue
		}
		seen[l] = true
		g := signs(fr.Guard.Signs)
		var next []*state
		for _, p := range paths {
			cur := x.signsOf(p, subject{l: l})
			if cur&g == 0 || cur&^g == 0 {
				next = append(next, p)
				continue
			}
			o := p.clone()
			x.learn(o, subject{l: l}, cur&^g)
			x.learn(p, subject{l: l}, cur&g)
			next = append(next, p, o)
		}
		paths = next
	}
	return paths
}

// guardHolds says whether a Go function's guarded free happens on path s:
// yes, no, or (a guard it cannot see) possibly.
func (x *explorer) guardHolds(s *state, g *Guard, args []aval) (holds, certain bool) {
	if g == nil {
		return true, true
	}
	l, ok := x.fieldLoc(s, g.Path, args)
	if !ok {
		return true, false
	}
	cur := x.signsOf(s, subject{l: l})
	want := signs(g.Signs)
	switch {
	case cur&want == 0:
		return false, true
	case cur&^want == 0:
		return true, true
	}
	return true, false
}

// goFrees applies the frees of a Go function's summary on path s: each
// where its guard holds, and one with a condition on the result where a
// branch on the result says so.
func (x *explorer) goFrees(s *state, f *FuncFact, args []aval, in ssa.Value, pos token.Pos, free func(s *state, fr Effect)) {
	frees := make([]Effect, 0, len(f.Frees))
	for _, fr := range f.Frees {
		holds, certain := x.guardHolds(s, fr.Guard, args)
		if !holds {
			fr.Path = "" // its guard says no
		}
		if !certain {
			fr.Maybe, fr.Weak = true, true
		}
		frees = append(frees, fr)
	}
	x.forgetFields(s, args)
	for i, fr := range frees {
		if fr.Path == "" {
			continue
		}
		if fr.Cond == nil {
			free(s, fr)
			continue
		}
		fr := fr
		x.newPending = append(x.newPending, pending{part: fr.Cond.Part, want: signs(fr.Cond.Signs), pos: pos,
			idx: i, weak: true, apply: func(s *state, maybe, weak bool) {
				fr.Maybe = fr.Maybe || maybe
				fr.Weak = fr.Weak || weak
				free(s, fr)
			}})
	}
	if in == nil {
		x.bindPending(s, nil)
	}
}

// forgetFields forgets what was known of the fields of a Go function's
// arguments: it may have written them.
func (x *explorer) forgetFields(s *state, args []aval) {
	for k := range s.cond.known {
		if k.l.t == 0 {
			continue
		}
		for _, a := range args {
			if a.has(k.l.t) {
				delete(s.cond.known, k)
			}
		}
	}
}

// applySets records the constants a Go function leaves in its arguments'
// fields.
func (x *explorer) applySets(s *state, f *FuncFact, args []aval) {
	for _, fv := range f.Sets {
		if l, ok := x.fieldLoc(s, fv.Path, args); ok {
			s.cond.set(subject{l: l}, signs(fv.Signs))
		}
	}
}

// finalizerSkips reports whether the finalizer that frees field of the
// value base frees nothing on this path's end: its summary's free is
// guarded by a field this path leaves the other way (f.valid = false).
func (x *explorer) finalizerSkips(s *state, base tokID, fin *finalizer, field string) bool {
	if fin.fn == nil {
		return false
	}
	f := x.c.funcFact(fin.fn)
	if f == nil {
		return false
	}
	args := []aval{{{t: base}}}
	for _, fr := range f.Frees {
		if fr.Guard == nil || !strings.HasPrefix(fr.Path, "$1->"+field) {
			continue
		}
		if holds, certain := x.guardHolds(s, fr.Guard, args); !holds && certain {
			return true
		}
	}
	return false
}

// signsText renders a set of signs for a summary: "nil or false", "non-nil".
func signsText(v signs) string {
	switch v {
	case sZero:
		return "zero"
	case sNonzero:
		return "nonzero"
	case sNeg:
		return "negative"
	case sPos:
		return "positive"
	case sZero | sPos:
		return "nonnegative"
	case sNeg | sZero:
		return "nonpositive"
	}
	return "any"
}

func partText(part int) string {
	if part == 0 {
		return ""
	}
	return "#" + itoa(part)
}

// noteUseGuard notes, for the summary being built, the fields of parameters
// that guard this use of path: what this path assumed of them on entry.
func (x *explorer) noteUseGuard(s *state, path string) {
	c := x.c
	f := c.building[x.top]
	if f == nil {
		return
	}
	if c.useGuards == nil {
		c.useGuards = map[*FuncFact]map[string]map[loc]signs{}
	}
	byPath := c.useGuards[f]
	if byPath == nil {
		byPath = map[string]map[loc]signs{}
		c.useGuards[f] = byPath
	}
	cands, seen := byPath[path]
	if !seen {
		cands = map[loc]signs{}
		for l, v := range s.cond.assumed {
			cands[l] = v
		}
		byPath[path] = cands
		return
	}
	for l, v := range cands {
		if w, ok := s.cond.assumed[l]; ok {
			cands[l] = v | w
		} else {
			delete(cands, l)
		}
	}
}

// guardUses gives each use of a summary the field that guarded every one of
// its sites, if any (if !f.valid { return -1 }; C.use(f.h)).
func (c *checker) guardUses(f *FuncFact) {
	byPath := c.useGuards[f]
	delete(c.useGuards, f)
	for i, u := range f.Uses {
		var best *Guard
		for l, v := range byPath[u.Path] {
			base, ok := c.paramPath(l.t)
			if !ok || v == sAll || l.sel == "" || !exactSel(l.sel) {
				continue
			}
			g := &Guard{Path: fieldPath(base, l.sel), Signs: uint8(v)}
			if best == nil || g.Path < best.Path {
				best = g
			}
		}
		f.Uses[i].Guard = best
	}
}
