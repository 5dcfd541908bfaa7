// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package lifetime

import (
	"go/constant"
	"go/token"
	"strings"

	"golang.org/x/tools/go/ssa"

	"cgolifetime/vet/cfacts"
)

// Conditions and guards: what the branches of a path know about values, and
// the effects that happen only where a condition holds.
//
//   - A branch on a field (if !f.valid, if s.ptr == nil) or on a value (a
//     call's result) records, on each side, what it is there; a constant
//     stored in a field is known too. A branch whose side is impossible on
//     this path is not taken (a guard set on an earlier call).
//   - An effect with a condition on a call's result (a C fact's
//     "condition", a Go helper that frees its argument only when it returns
//     an error) waits on the result's token and happens where a branch
//     decides the condition holds, as nilness and nilaway resolve conditions
//     at the branch. Where the result is never tested, it happens "maybe".
//   - A Go function's summary says which field on entry guards a free
//     (frees $1->h when $1->valid is true), which condition on its result
//     (frees $1 when $ret is non-nil), and which fields it leaves set to a
//     constant; a caller applies them on its own path (guards.go).

// signs is the set of signs a scalar, pointer or boolean value may have:
// negative, zero (false, nil) or positive (true); non-nil is negative or
// positive.
type signs uint8

const (
	sNeg     signs = 1
	sZero    signs = 2
	sPos     signs = 4
	sNonzero       = sNeg | sPos
	sAll           = sNeg | sZero | sPos
)

// subject is what a branch tests: a location (a field, f.valid) or a value
// (its token: a call's result, a pointer).
type subject struct {
	l loc
	t tokID
}

// pending is an effect waiting on a test of the call's result (token t).
type pending struct {
	t    tokID
	part int   // the component of the call's results (1-based), 0 for a single result
	want signs // where the effect happens; 0: unknown (a shape-rule guess)
	pos  token.Pos
	idx  int  // the effect's index at its call, for the fingerprint
	weak bool // untested, it is a possible effect only (a Go helper's own paths)
	// apply makes the effect happen on s
	apply func(s *state, maybe, weak bool)
}

// condPart is what the conditions know on one path.
type condPart struct {
	known map[subject]signs
	// the fields of parameters that a branch tested before anything wrote
	// them: what they were on entry, for the function's summary (guards)
	assumed map[loc]signs
	pending []pending
	ret     []signs // at a return: what each result is
}

func (p condPart) clone() condPart {
	c := condPart{pending: append([]pending(nil), p.pending...), ret: p.ret}
	if len(p.known) > 0 {
		c.known = make(map[subject]signs, len(p.known))
		for k, v := range p.known {
			c.known[k] = v
		}
	}
	if len(p.assumed) > 0 {
		c.assumed = make(map[loc]signs, len(p.assumed))
		for k, v := range p.assumed {
			c.assumed[k] = v
		}
	}
	return c
}

func (p condPart) hash() uint64 {
	var set uint64
	for k, v := range p.known {
		h := newHash(uint64(k.t))
		h.add(uint64(k.l.t))
		h.add(strHash(k.l.sel))
		h.add(uint64(v))
		set += mix(h.sum)
	}
	for k, v := range p.assumed {
		h := newHash(uint64(k.t) + 0x51)
		h.add(strHash(k.sel))
		h.add(uint64(v))
		set += mix(h.sum)
	}
	for _, q := range p.pending {
		h := newHash(uint64(q.t) + 0xa7)
		h.add(uint64(q.pos))
		h.add(uint64(q.idx))
		h.add(uint64(q.want))
		set += mix(h.sum)
	}
	return set
}

func (p *condPart) set(k subject, v signs) {
	if p.known == nil {
		p.known = map[subject]signs{}
	}
	p.known[k] = v
}

// forget drops what is known of token t and of its fields: it was made
// fresh.
func (p *condPart) forget(t tokID) {
	for k := range p.known {
		if k.t == t || k.l.t == t {
			delete(p.known, k)
		}
	}
}

// branchTo is one side of a branch that the path can take.
type branchTo struct {
	s *state
	b *ssa.BasicBlock
}

// branch returns the sides of an If that path s can take, each with what it
// learns there, the side to explore first last.
func (x *explorer) branch(s *state, in *ssa.If) []branchTo {
	b := in.Block()
	s.pred = b
	if k, ok := in.Cond.(*ssa.Const); ok && k.Value != nil {
		if constant.BoolVal(k.Value) {
			return []branchTo{{s, b.Succs[0]}}
		}
		return []branchTo{{s, b.Succs[1]}}
	}
	t, ok := x.test(s, in.Cond, in)
	if !ok {
		return []branchTo{{s.clone(), b.Succs[1]}, {s, b.Succs[0]}}
	}
	cur := x.signsOf(s, t.subj)
	yes, no := cur&t.yes, cur&t.no
	switch {
	case no == 0:
		x.learn(s, t.subj, yes)
		return []branchTo{{s, b.Succs[0]}}
	case yes == 0:
		x.learn(s, t.subj, no)
		return []branchTo{{s, b.Succs[1]}}
	}
	other := s.clone()
	x.learn(other, t.subj, no)
	x.learn(s, t.subj, yes)
	return []branchTo{{other, b.Succs[1]}, {s, b.Succs[0]}}
}

// test is a branch condition: subj has signs yes where it is true, no where
// it is false.
type test struct {
	subj    subject
	yes, no signs
}

func (x *explorer) test(s *state, v ssa.Value, at ssa.Instruction) (test, bool) {
	switch v := v.(type) {
	case *ssa.UnOp:
		if v.Op == token.NOT {
			t, ok := x.test(s, v.X, at)
			t.yes, t.no = t.no, t.yes
			return t, ok
		}
	case *ssa.BinOp:
		return x.compare(s, v, at)
	}
	subj, ok := x.subjectOf(s, v, at)
	return test{subj, sPos, sZero}, ok
}

// compare reads a comparison of a value with a constant.
func (x *explorer) compare(s *state, v *ssa.BinOp, at ssa.Instruction) (test, bool) {
	op, val := v.Op, v.X
	k, ok := v.Y.(*ssa.Const)
	if !ok {
		if k, ok = v.X.(*ssa.Const); !ok {
			return test{}, false
		}
		val = v.Y
		switch op {
		case token.LSS:
			op = token.GTR
		case token.GTR:
			op = token.LSS
		case token.LEQ:
			op = token.GEQ
		case token.GEQ:
			op = token.LEQ
		}
	}
	cs, ok := constSigns(k)
	if !ok {
		return test{}, false
	}
	subj, ok := x.subjectOf(s, val, at)
	if !ok {
		return test{}, false
	}
	exact := cs == sZero // a comparison with zero says more than one with 3
	t := test{subj: subj, yes: sAll, no: sAll}
	switch op {
	case token.EQL, token.NEQ:
		t.yes = cs
		if exact {
			t.no = sNonzero
		}
		if op == token.NEQ {
			t.yes, t.no = t.no, t.yes
		}
	case token.LSS, token.GEQ: // x < c
		switch cs {
		case sZero:
			t.yes, t.no = sNeg, sZero|sPos
		case sPos:
			t.no = sPos
		case sNeg:
			t.yes = sNeg
		}
		if op == token.GEQ {
			t.yes, t.no = t.no, t.yes
		}
	case token.GTR, token.LEQ: // x > c
		switch cs {
		case sZero:
			t.yes, t.no = sPos, sNeg|sZero
		case sPos:
			t.yes = sPos
		case sNeg:
			t.no = sNeg
		}
		if op == token.LEQ {
			t.yes, t.no = t.no, t.yes
		}
	default:
		return test{}, false
	}
	return t, true
}

// constSigns returns the sign of a constant: nil and false are zero, true
// is positive.
func constSigns(k *ssa.Const) (signs, bool) {
	if k.Value == nil {
		return sZero, true // nil
	}
	switch k.Value.Kind() {
	case constant.Bool:
		if constant.BoolVal(k.Value) {
			return sPos, true
		}
		return sZero, true
	case constant.Int, constant.Float:
		switch constant.Sign(k.Value) {
		case -1:
			return sNeg, true
		case 0:
			return sZero, true
		}
		return sPos, true
	}
	return 0, false
}

// subjectOf returns what a value tested at instruction at is: the field it
// was read from (one exact location, read right before: nothing wrote in
// between), or its one token.
func (x *explorer) subjectOf(s *state, v ssa.Value, at ssa.Instruction) (subject, bool) {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL && readRightBefore(u, at) {
		if a := x.eval(s, u.X); len(a) == 1 && exactSel(a[0].sel) && !a[0].byValue {
			return subject{l: loc{a[0].t, a[0].sel}}, true
		}
	}
	if a := x.eval(s, v); len(a) == 1 && a[0].sel == "" && !a[0].byValue && a[0].part == 0 {
		return subject{t: a[0].t}, true
	}
	return subject{}, false
}

// readRightBefore reports whether the load u and the instruction at are in
// one block with no store or call between them: the field still holds what
// u read (closed := c.closed; c.closed = true; if closed {...} tests the old
// value, not the field).
func readRightBefore(u *ssa.UnOp, at ssa.Instruction) bool {
	b := u.Block()
	if at == nil || at.Block() != b {
		return false
	}
	seen := false
	for _, in := range b.Instrs {
		switch {
		case in == ssa.Instruction(u):
			seen = true
		case in == at:
			return seen
		case seen:
			switch in.(type) {
			case *ssa.Store, *ssa.Call, *ssa.MapUpdate, *ssa.Defer, *ssa.Go, *ssa.Send, *ssa.RunDefers:
				return false
			}
		}
	}
	return false
}

func exactSel(sel string) bool { return !strings.Contains(sel, "[*]") && !strings.Contains(sel, "{") }

// signsOf returns what path s knows of a subject.
func (x *explorer) signsOf(s *state, subj subject) signs {
	if k, ok := s.cond.known[subj]; ok {
		return k
	}
	if subj.l.t != 0 {
		if cell, ok := s.heap[subj.l]; ok && len(cell) == 1 && cell[0].sel == "" {
			if k, ok := s.cond.known[subject{t: cell[0].t}]; ok {
				return k
			}
		}
	}
	return sAll
}

// learn records that subj has signs v on path s: for a field, also what its
// value is (and, when nothing wrote it on this path, what it was on entry);
// effects pending on a value happen or not.
func (x *explorer) learn(s *state, subj subject, v signs) {
	s.cond.set(subj, v)
	if subj.l.t == 0 {
		x.resolve(s, subj.t, v)
		return
	}
	cell, ok := s.heap[subj.l]
	if !ok || (len(cell) == 1 && x.c.byLoc[subj.l] == cell[0].t) {
		// nothing wrote the field on this path: what it was on entry
		if s.cond.assumed == nil {
			s.cond.assumed = map[loc]signs{}
		}
		s.cond.assumed[subj.l] = v
	}
	if !ok || len(cell) != 1 || cell[0].sel != "" {
		return
	}
	s.cond.set(subject{t: cell[0].t}, v)
	x.resolve(s, cell[0].t, v)
}

// resolve applies or drops the effects pending on token t, now known to have
// signs v: an effect whose condition holds happens, one whose condition
// cannot hold is dropped, and a guess (a shape rule's free whose result is
// tested: a retry) becomes a possible effect only.
func (x *explorer) resolve(s *state, t tokID, v signs) {
	var keep, fire []pending
	var weak []bool
	for _, p := range s.cond.pending {
		switch {
		case p.t != t:
			keep = append(keep, p)
		case p.want == 0:
			fire, weak = append(fire, p), append(weak, true)
		case v&^p.want == 0:
			fire, weak = append(fire, p), append(weak, false)
		case v&p.want == 0:
		default:
			keep = append(keep, p)
		}
	}
	s.cond.pending = keep
	for i, p := range fire {
		p.apply(s, weak[i], weak[i])
	}
}

// settle applies, as possible effects only, what is pending on a value that
// nothing on this path can test any more (its result was dropped).
func (x *explorer) settle(s *state) {
	if len(s.cond.pending) == 0 {
		return
	}
	var keep, fire []pending
	for _, p := range s.cond.pending {
		if x.holdsToken(s, p.t) {
			keep = append(keep, p)
		} else {
			fire = append(fire, p)
		}
	}
	s.cond.pending = keep
	for _, p := range fire {
		x.untested(s, p)
	}
}

// dropped settles what waits on the result of a call whose result nothing
// reads (a statement C.conn_close(c)): nothing can test it.
func (x *explorer) dropped(s *state, in *ssa.Call) {
	if len(s.cond.pending) == 0 || (in.Referrers() != nil && len(*in.Referrers()) > 0) {
		return
	}
	for _, t := range x.eval(s, in).tokens() {
		x.flushTok(s, t)
	}
}

func (x *explorer) untested(s *state, p pending) {
	if p.want == 0 {
		p.apply(s, false, false) // a guess whose result nobody tests: as before
		return
	}
	p.apply(s, true, p.weak)
}

func (x *explorer) holdsToken(s *state, t tokID) bool {
	for _, a := range s.env {
		if a.has(t) {
			return true
		}
	}
	for _, a := range s.heap {
		if a.has(t) {
			return true
		}
	}
	return false
}

// onCondition decides how an effect of a C call applies: it returns false
// for an effect that happens at the call (unconditional, or a guess whose
// result is not kept); else the effect waits on the call's result (bound by
// bindPending) or, with no result to test, happens "maybe" now.
func (x *explorer) onCondition(s *state, e cfacts.Effect, idx int, in ssa.Value, pos token.Pos, apply func(s *state, maybe, weak bool)) bool {
	p := pending{pos: pos, idx: idx, apply: apply}
	switch {
	case e.Condition != nil:
		p.want = signs(e.Condition.Signs())
		if e.Condition.On != "$ret" || in == nil {
			apply(s, true, false)
			return true
		}
	case e.Source.Kind == cfacts.SourceShape && in != nil && in.Referrers() != nil && len(*in.Referrers()) > 0:
		// a guess whose result is kept: pending until it is tested (a retry
		// loop makes it possible only) or dropped (as before)
	default:
		return false
	}
	x.newPending = append(x.newPending, p)
	return true
}

// bindPending ties the effects onCondition and goCall left waiting to the
// result of the call in: its token (one per component), made for the
// purpose when the result has none.
func (x *explorer) bindPending(s *state, in ssa.Value) {
	ps := x.newPending
	x.newPending = nil
	if len(ps) == 0 {
		return
	}
	if in == nil {
		for _, p := range ps {
			x.untested(s, p)
		}
		return
	}
	toks := map[int]tokID{}
	for i, p := range ps {
		t, ok := toks[p.part]
		if !ok {
			t = x.resultTok(s, in, p.part)
			toks[p.part] = t
			// the call ran again (a retry): what waited on its last
			// result is settled, and nothing is known of the new one
			x.flushTok(s, t)
			s.cond.forget(t)
		}
		ps[i].t = t
	}
	s.cond.pending = append(s.cond.pending, ps...)
}

func (x *explorer) flushTok(s *state, t tokID) {
	var keep, fire []pending
	for _, p := range s.cond.pending {
		if p.t == t {
			fire = append(fire, p)
		} else {
			keep = append(keep, p)
		}
	}
	s.cond.pending = keep
	for _, p := range fire {
		x.untested(s, p)
	}
}

// resultTok returns the token of component part of the result of in: the
// one token it has, or a token of its own.
func (x *explorer) resultTok(s *state, in ssa.Value, part int) tokID {
	a := x.eval(s, in)
	if part == 0 && len(a) == 1 && a[0].sel == "" && a[0].part == 0 {
		return a[0].t
	}
	c := x.c
	key := resultKey{in, part}
	t, ok := c.results[key]
	if !ok {
		desc := "the result of a call"
		if n := c.names[in.Pos()]; n != "" {
			desc = n
		}
		t = c.newTok(&tok{kind: tkResult, pos: in.Pos(), desc: desc, typ: in.Type()})
		if c.results == nil {
			c.results = map[resultKey]tokID{}
		}
		c.results[key] = t
	}
	x.set(s, in, union(a, aval{{t: t, part: int8(part)}}))
	return t
}

type resultKey struct {
	in   ssa.Value
	part int
}

// noteStore records the constant a store writes to one exact location, and
// forgets what was known of the locations it may write otherwise.
func (x *explorer) noteStore(s *state, addr aval, val ssa.Value) {
	if len(s.cond.known) == 0 {
		if _, isConst := val.(*ssa.Const); !isConst {
			return
		}
	}
	for _, e := range addr {
		delete(s.cond.known, subject{l: loc{e.t, e.sel}})
	}
	if k, ok := val.(*ssa.Const); ok && len(addr) == 1 && exactSel(addr[0].sel) {
		if v, ok := constSigns(k); ok {
			s.cond.set(subject{l: loc{addr[0].t, addr[0].sel}}, v)
		}
	}
}

// atReturn settles, at a return, what waits on values the function does not
// return, and records what each result is, for the function's summary: a
// constant, an interface made of a value (never nil), a new error, or what a
// branch learned. An effect waiting on a returned value splits the exit in
// two for the summary: one where it happened and the result is as its
// condition says, one where neither (frees $1 if $ret is zero).
func (x *explorer) atReturn(s *state, in *ssa.Return) []*state {
	// an inlined closure (cgo's wrapper around a C call) returns to a
	// caller that may test the value; the function itself, to its summary
	inlined, building := x.depth > 0, len(x.c.building) > 0
	var keep, fire []pending
	for _, p := range s.cond.pending {
		if (inlined || building && p.want != 0) && s.retval.has(p.t) {
			keep = append(keep, p)
		} else {
			fire = append(fire, p)
		}
	}
	s.cond.pending = nil
	for _, p := range fire {
		x.untested(s, p)
	}
	if inlined {
		s.cond.pending = keep
		return []*state{s}
	}
	if !building {
		return []*state{s}
	}
	ret := make([]signs, len(in.Results))
	for i, r := range in.Results {
		ret[i] = x.resultSigns(s, r, in)
	}
	s.cond.ret = ret
	exits := []*state{s}
	for _, p := range keep {
		k := retPart(s.retval, p.t, len(ret))
		var next []*state
		for _, e := range exits {
			if k < 0 {
				x.untested(e, p)
				next = append(next, e)
				continue
			}
			yes, no := e.cond.ret[k]&p.want, e.cond.ret[k]&^p.want
			if no != 0 {
				o := e.clone()
				o.cond.ret = append([]signs(nil), e.cond.ret...)
				o.cond.ret[k] = no
				next = append(next, o)
			}
			if yes != 0 {
				e.cond.ret = append([]signs(nil), e.cond.ret...)
				e.cond.ret[k] = yes
				p.apply(e, false, false)
				next = append(next, e)
			}
		}
		exits = next
	}
	return exits
}

// retPart returns which of n results holds token t (0-based), or -1.
func retPart(ret aval, t tokID, n int) int {
	for _, e := range ret {
		if e.t != t {
			continue
		}
		if n == 1 && e.part == 0 {
			return 0
		}
		if int(e.part) >= 1 && int(e.part) <= n {
			return int(e.part) - 1
		}
	}
	return -1
}

func (x *explorer) resultSigns(s *state, r ssa.Value, at ssa.Instruction) signs {
	switch r := r.(type) {
	case *ssa.Const:
		if v, ok := constSigns(r); ok {
			return v
		}
		return sAll
	case *ssa.MakeInterface:
		return sNonzero
	case *ssa.Call:
		if fn := r.Call.StaticCallee(); fn != nil && fn.Pkg != nil {
			switch fn.Pkg.Pkg.Path() + "." + fn.Name() {
			case "errors.New", "fmt.Errorf":
				return sNonzero
			}
			// a Go function whose summary knows its only result's signs
			if f := x.c.funcFact(fn); f != nil && len(f.Results) == 1 && f.Results[0] != 0 {
				return signs(f.Results[0])
			}
		}
	}
	if subj, ok := x.subjectOf(s, r, at); ok {
		return x.signsOf(s, subj)
	}
	return sAll
}
