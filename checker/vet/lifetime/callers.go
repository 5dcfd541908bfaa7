// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package lifetime

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// callGraph holds the static calls of the package's functions, for the
// functions that only the package can call (MissingKeepAlive asks whether
// every caller keeps a parameter alive across the call).
type callGraph struct {
	sites   map[*ssa.Function][]ssa.CallInstruction
	escapes map[*ssa.Function]bool // referred to other than by a static call
}

// newCallGraph indexes the calls of funcs (the package's functions and
// function literals).
func newCallGraph(funcs []*ssa.Function) *callGraph {
	g := &callGraph{sites: map[*ssa.Function][]ssa.CallInstruction{}, escapes: map[*ssa.Function]bool{}}
	var ops []*ssa.Value
	if len(funcs) > 0 && funcs[0].Pkg != nil {
		// the initializers of package-level variables (var _ I = (*T)(nil))
		if init := funcs[0].Pkg.Func("init"); init != nil {
			funcs = append(append([]*ssa.Function(nil), funcs...), withLiterals(init)...)
		}
	}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				callee := g.staticCall(in)
				ops = in.Operands(ops[:0])
				for _, op := range ops {
					f, ok := (*op).(*ssa.Function)
					if !ok {
						continue
					}
					if f != callee || op != &in.(ssa.CallInstruction).Common().Value {
						// a function value, a method value's or a
						// method expression's wrapper, a go or
						// defer statement
						g.escapes[f] = true
						if obj, ok := f.Object().(*types.Func); ok && obj != nil && f.Synthetic != "" {
							g.escapes[fn.Prog.FuncValue(obj)] = true
						}
					}
				}
			}
		}
	}
	return g
}

// withLiterals returns fn and the function literals it holds.
func withLiterals(fn *ssa.Function) []*ssa.Function {
	out := []*ssa.Function{fn}
	for _, a := range fn.AnonFuncs {
		out = append(out, withLiterals(a)...)
	}
	return out
}

// staticCall returns the function an ordinary call instruction calls
// statically, and records the call; nil for anything else.
func (g *callGraph) staticCall(in ssa.Instruction) *ssa.Function {
	call, ok := in.(*ssa.Call)
	if !ok {
		return nil
	}
	f := call.Call.StaticCallee()
	if f == nil || call.Call.Value != f {
		return nil
	}
	g.sites[f] = append(g.sites[f], call)
	return f
}

// onlyPackageCalls returns the call sites of fn when they are all its
// callers: fn is a named unexported function or method of the package,
// never used as a value, and (a method) named by no interface type of the
// package (an unexported method is in no other package's interface).
func (c *checker) onlyPackageCalls(fn *ssa.Function) ([]ssa.CallInstruction, bool) {
	g := c.ka.callers
	obj, ok := fn.Object().(*types.Func)
	if g == nil || !ok || obj == nil || obj.Exported() || fn.Parent() != nil || fn.Synthetic != "" || g.escapes[fn] {
		return nil, false
	}
	if obj.Signature().Recv() != nil && c.interfaceHas(obj) {
		return nil, false
	}
	sites := g.sites[fn]
	return sites, len(sites) > 0
}

// interfaceHas reports whether an interface type of the package has the
// unexported method m: only such an interface can call it dynamically.
func (c *checker) interfaceHas(m *types.Func) bool {
	if c.ka.ifaceMethods == nil {
		c.ka.ifaceMethods = map[string]bool{}
		for _, tv := range c.pass.TypesInfo.Types {
			if it, ok := tv.Type.Underlying().(*types.Interface); ok && tv.IsType() {
				for i := 0; i < it.NumMethods(); i++ {
					c.ka.ifaceMethods[it.Method(i).Id()] = true
				}
			}
		}
	}
	return c.ka.ifaceMethods[m.Id()]
}

// keptAliveByCallers reports whether the parameter t of an unexported
// function is alive across every call of the function: each caller uses the
// value it passes after the call (or passes its own parameter, which its
// callers keep alive in turn).
func (c *checker) keptAliveByCallers(t tokID) bool {
	tk := c.toks[t]
	if tk.kind != tkParam || tk.param <= 0 {
		return false
	}
	for v, id := range c.byParam {
		if p, ok := v.(*ssa.Parameter); ok && id == t {
			return c.aliveAcrossCalls(p, map[*ssa.Parameter]bool{})
		}
	}
	return false
}

func (c *checker) aliveAcrossCalls(p *ssa.Parameter, seen map[*ssa.Parameter]bool) bool {
	if seen[p] {
		return false // recursion: no caller outside the cycle says so
	}
	seen[p] = true
	fn := p.Parent()
	sites, ok := c.onlyPackageCalls(fn)
	if !ok {
		return false
	}
	idx := -1
	for i, q := range fn.Params {
		if q == p {
			idx = i
		}
	}
	for _, call := range sites {
		args := call.Common().Args
		if idx < 0 || idx >= len(args) {
			return false
		}
		v := args[idx]
		if usedAfter(call, v) {
			continue
		}
		if q, ok := v.(*ssa.Parameter); ok && c.aliveAcrossCalls(q, seen) {
			continue
		}
		return false
	}
	return true
}

// usedAfter reports whether some path from call uses v (or reloads the
// variable v was loaded from) after it: then v is alive during the call. A
// deferred call that uses v runs after it.
func usedAfter(call ssa.CallInstruction, v ssa.Value) bool {
	var uses []ssa.Instruction
	if v.Referrers() != nil {
		uses = append(uses, *v.Referrers()...)
	}
	if ld, ok := v.(*ssa.UnOp); ok {
		if a, ok := ld.X.(*ssa.Alloc); ok && a.Referrers() != nil {
			uses = append(uses, *a.Referrers()...)
		}
	}
	b := call.Block()
	after := map[*ssa.BasicBlock]bool{}
	work := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(work) > 0 {
		n := work[len(work)-1]
		work = work[:len(work)-1]
		if !after[n] {
			after[n] = true
			work = append(work, n.Succs...)
		}
	}
	at := -1
	for i, in := range b.Instrs {
		if in == call {
			at = i
		}
	}
	for i := 0; i < len(uses); i++ {
		u := uses[i]
		if vi, ok := v.(ssa.Instruction); u == call || (ok && u == vi) {
			continue
		}
		switch w := u.(type) {
		case *ssa.MakeInterface, *ssa.ChangeType, *ssa.Convert, *ssa.ChangeInterface:
			// the same value in another type: its uses are v's (the
			// argument of a deferred runtime.KeepAlive)
			if refs := w.(ssa.Value).Referrers(); refs != nil {
				uses = append(uses, *refs...)
			}
		}
		if _, ok := u.(*ssa.Defer); ok || after[u.Block()] {
			return true
		}
		if u.Block() == b {
			for i, in := range b.Instrs {
				if in == u && i > at {
					return true
				}
			}
		}
	}
	return false
}
