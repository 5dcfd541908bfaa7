// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package lifetime

import (
	"go/token"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// What the Go calls of a C function pass as an argument the function keeps
// (its summary or model says 'keeps $N'). The C side reports such a function
// (cgo.KeepsGoArgument) without seeing its callers; the driver reads this
// from the -json output and drops that report when every Go call is fine, or
// merges it with the Go side's report of the same bug (docs/go-side.md,
// "JSON output").
const (
	// Go memory: reported as cgo.GoPointerKeptByC at the call.
	PassesGoMemory = "go-memory"
	// C memory: a C call's result, or a block read from C memory.
	PassesCMemory = "c-memory"
	// C memory that the caller frees while C still keeps it: reported as
	// cgo.GoFreesCHeld at the free.
	PassesCFreedWhileKept = "c-memory-freed-while-kept"
	// C memory that C still keeps when the caller returns, and that the
	// caller did not free: handed over to C, as far as the caller goes.
	PassesCHandedOver = "c-memory-handed-over"
	// No memory: nil, a constant, the address of a C function.
	PassesNoMemory = "no-memory"
	// What the caller cannot tell: a parameter (its own callers decide), a
	// value read from memory nobody wrote in the function, the result of a
	// call nothing describes.
	PassesUnknown = "unknown"
)

// KeptArg is what the Go calls of one C function pass as its argument Arg,
// which the function keeps beyond the call.
type KeptArg struct {
	Dir  string // the package's source directory, where the calls are
	Func string // the C function, as C names it
	Arg  int    // 1-based
	// Complete: every function of the package was explored within its
	// budget (-max-steps), so every Go call of Func was followed
	Complete bool
	Callers  []KeptCaller // in the order of Pos
}

// KeptCaller is one Go call of a keeping C function.
type KeptCaller struct {
	Pos      token.Pos // the call as written
	Passes   []string  // the Passes* kinds seen on the paths through it, sorted
	Findings []KeptFinding
}

// KeptFinding names a Go-side finding that reports the bug of one call: a
// Go pointer kept by C (at the call), a free while C keeps the block (at the
// free).
type KeptFinding struct {
	Checker string
	Pos     token.Pos
}

type keepSite struct {
	cfunc string
	arg   int
	pos   token.Pos
}

type keepTok struct {
	pos token.Pos // the keeping call
	t   tokID
}

// keepCallers collects the kept arguments of one package's C calls.
type keepCallers struct {
	sites  map[keepSite]map[string]bool
	byTok  map[keepTok][]keepSite
	held   map[*Finding][]keepSite // GoFreesCHeld findings, by the keeping they break
	byInst map[tokID]ssa.Instruction
}

func (c *checker) keepsOf() *keepCallers {
	if c.keeps == nil {
		c.keeps = &keepCallers{sites: map[keepSite]map[string]bool{}, byTok: map[keepTok][]keepSite{},
			held: map[*Finding][]keepSite{}}
	}
	return c.keeps
}

// keepCaller records what a Go call of the C function cfunc passes as its
// argument arg, which the function keeps: kept is its value on this path, in
// the call instruction (nil for a deferred call).
func (x *explorer) keepCaller(cfunc string, arg int, kept aval, in ssa.Value, pos token.Pos) {
	if !x.report {
		return
	}
	k := x.c.keepsOf()
	site := keepSite{cfunc, arg, pos}
	seen := k.sites[site]
	if seen == nil {
		seen = map[string]bool{}
		k.sites[site] = seen
	}
	if len(kept) == 0 {
		seen[x.untracked(in, arg)] = true
		return
	}
	for _, el := range kept {
		kind := x.c.passes(el)
		seen[kind] = true
		if kind == PassesCMemory {
			key := keepTok{pos, el.t}
			if !hasSite(k.byTok[key], site) {
				k.byTok[key] = append(k.byTok[key], site)
			}
		}
	}
}

// untracked classifies an argument the analysis holds no value for: a
// constant (nil, an integer) is no memory; anything else is unknown.
func (x *explorer) untracked(in ssa.Value, arg int) string {
	if call, ok := in.(*ssa.Call); ok && arg <= len(call.Call.Args) {
		if _, ok := call.Call.Args[arg-1].(*ssa.Const); ok {
			return PassesNoMemory
		}
	}
	return PassesUnknown
}

// passes classifies one possible value of a kept argument.
func (c *checker) passes(el elem) string {
	if c.isGoMemory(el) {
		return PassesGoMemory
	}
	if c.isCMemory(el.t) {
		return PassesCMemory
	}
	if c.isCFuncAddr(el.t) {
		return PassesNoMemory
	}
	return PassesUnknown
}

// isCFuncAddr reports whether t is the address of a C function as cgo
// writes C.fn used as a value: _Cgo_ptr(_Cfpvar_fp_fn).
func (c *checker) isCFuncAddr(t tokID) bool {
	if c.toks[t].kind != tkOpaque {
		return false
	}
	k := c.keepsOf()
	if k.byInst == nil {
		k.byInst = map[tokID]ssa.Instruction{}
		for in, id := range c.byInstr {
			k.byInst[id] = in
		}
	}
	call, ok := k.byInst[t].(*ssa.Call)
	if !ok || len(call.Call.Args) != 1 {
		return false
	}
	fn := call.Call.StaticCallee()
	if fn == nil || fn.Name() != "_Cgo_ptr" || fn.Pkg == nil || fn.Pkg.Pkg != c.pass.Pkg {
		return false
	}
	load, ok := call.Call.Args[0].(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	g, ok := load.X.(*ssa.Global)
	return ok && strings.HasPrefix(g.Name(), "_Cfpvar_fp_")
}

// heldFinding records that f, a GoFreesCHeld finding about block t, breaks
// the keeping k.
func (c *checker) heldFinding(f *Finding, t tokID, k cKeepNote) {
	keeps := c.keepsOf()
	if sites := keeps.byTok[keepTok{k.pos, t}]; len(sites) > 0 {
		keeps.held[f] = sites
	}
}

// keepsAtExit records, at the end of a path, the C memory that a keeping
// C call still keeps and that the function did not free: handed over.
func (x *explorer) keepsAtExit(s *state) {
	if !x.report || x.c.keeps == nil {
		return
	}
	k := x.c.keeps
	for t, note := range s.keptByC {
		if _, freed := s.freed[t]; freed {
			continue
		}
		for _, site := range k.byTok[keepTok{note.pos, t}] {
			k.sites[site][PassesCHandedOver] = true
		}
	}
}

// keptArgs returns what the package's Go calls pass to the C functions that
// keep an argument, with the findings that report their bugs.
func (c *checker) keptArgs(funcs []*ssa.Function) []KeptArg {
	if c.keeps == nil {
		return nil
	}
	complete := true
	for _, fn := range funcs {
		if c.exhausted[fn] && !(fn.Parent() != nil && isCgoWrapper(fn)) {
			complete = false
		}
	}
	k := c.keeps
	findings := map[keepSite][]KeptFinding{}
	for _, f := range c.sortedFindings() {
		switch f.Checker {
		case GoFreesCHeld:
			for _, site := range k.held[f] {
				k.sites[site][PassesCFreedWhileKept] = true
				findings[site] = append(findings[site], KeptFinding{f.Checker, f.Pos})
			}
		case GoPointerKeptByC:
			for site, seen := range k.sites {
				if site.pos == f.Pos && seen[PassesGoMemory] {
					findings[site] = append(findings[site], KeptFinding{f.Checker, f.Pos})
				}
			}
		}
	}
	type argKey struct {
		cfunc string
		arg   int
	}
	byArg := map[argKey]*KeptArg{}
	var keys []argKey
	for site, seen := range k.sites {
		key := argKey{site.cfunc, site.arg}
		ka := byArg[key]
		if ka == nil {
			ka = &KeptArg{Dir: packageDir(c.pass), Func: site.cfunc, Arg: site.arg, Complete: complete}
			byArg[key] = ka
			keys = append(keys, key)
		}
		var passes []string
		for p := range seen {
			passes = append(passes, p)
		}
		sort.Strings(passes)
		ka.Callers = append(ka.Callers, KeptCaller{Pos: site.pos, Passes: passes, Findings: findings[site]})
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].cfunc != keys[j].cfunc {
			return keys[i].cfunc < keys[j].cfunc
		}
		return keys[i].arg < keys[j].arg
	})
	out := make([]KeptArg, 0, len(keys))
	for _, key := range keys {
		ka := byArg[key]
		sort.Slice(ka.Callers, func(i, j int) bool { return ka.Callers[i].Pos < ka.Callers[j].Pos })
		out = append(out, *ka)
	}
	return out
}

func hasSite(sites []keepSite, s keepSite) bool {
	for _, o := range sites {
		if o == s {
			return true
		}
	}
	return false
}
