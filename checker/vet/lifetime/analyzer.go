// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// Package lifetime is the shared analysis of the Go side of cgo-lifetime: it
// follows C pointers (and Go pointers handed to C) through the SSA form of a
// package's functions, path by path, and finds where Go uses or frees C
// memory wrongly. The checkers of checker/vet/passes report its findings,
// one kind each, the way the passes of golang.org/x/tools/go/analysis/passes
// share inspect or ctrlflow.
//
// What C functions do comes from package cfacts (summaries, models, the
// manifest). What Go functions do is summarized here and exported as
// analysis facts, so that a wrapper that frees its argument is known to the
// packages that import it.
package lifetime

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/ssa"

	"cgolifetime/vet/cfacts"
	"cgolifetime/vet/checkers"
)

// Checker names: the interface users, scripts and the driver depend on,
// from Checkers.def (package checkers).
var (
	GoUsesFreed        = checkers.GoUsesFreed.Name
	GoFreesTwice       = checkers.GoFreesTwice.Name
	GoFreesCHeld       = checkers.GoFreesCHeld.Name
	GoPointerKeptByC   = checkers.GoPointerKeptByC.Name
	GoPointerInCMemory = checkers.GoPointerInCMemory.Name
	MissingKeepAlive   = checkers.MissingKeepAlive.Name
)

const Doc = `follow C pointers through the Go code of cgo packages

The lifetime analysis runs each function of a package path by path over its
SSA form. It follows the blocks that C calls return, and Go pointers handed to
C, through locals, maps (keys and values), struct fields, slices, interfaces,
globals and closures, and records where C memory is freed (C.free, a C
function whose summary or model frees it, a call that invalidates a borrowed
pointer, a Go helper that does one of those), kept by C, or used. It is not a
checker itself: the cgo.* checkers report its findings.`

// Analyzer is the shared lifetime analysis.
var Analyzer = &analysis.Analyzer{
	Name:       "cgolifetime",
	Doc:        Doc,
	Run:        run,
	Requires:   []*analysis.Analyzer{ctrlflow.Analyzer},
	ResultType: reflect.TypeOf((*Result)(nil)),
	FactTypes:  []analysis.Fact{new(FuncFact), new(FinalizerFact)},
}

// Result is what the lifetime analysis found in one package.
type Result struct {
	Findings []*Finding
	Keeps    []KeptArg // what the Go calls pass to C functions that keep an argument
}

// Finding is one bug, to be reported by the checker it names.
type Finding struct {
	Checker string
	Pos     token.Pos
	Message string
	Related []analysis.RelatedInformation
	Fixes   []Fix
}

// Fix is a safe fix: insert runtime.KeepAlive(Value) after the statement
// that holds the C call at Pos (or defer it before a return statement). A
// finding has one for each place it names.
type Fix struct {
	Pos   token.Pos
	Value string
}

func (f *Finding) note(pos token.Pos, msg string) {
	if pos.IsValid() {
		f.Related = append(f.Related, analysis.RelatedInformation{Pos: pos, Message: msg})
	}
}

// Diagnostic turns a finding into the diagnostic its checker reports.
func (f *Finding) Diagnostic() analysis.Diagnostic {
	return analysis.Diagnostic{Pos: f.Pos, Category: f.Checker, Message: f.Message, Related: f.Related}
}

// Effect is one effect in the summary of a Go function: on the pointer at
// Path ($1 is the first parameter, the receiver of a method; $1->p its field
// p), through Via (the C or Go function that does it) at At (file:line),
// because of Cite (the fact about Via).
type Effect struct {
	Path  string
	Maybe bool
	Via   string
	At    string
	Cite  string
	// Storage: a C function freed the pointer through the parameter's
	// storage, reading it from where Path ends ($1->user freed by
	// C.session_close), as a C function frees what its own struct holds
	Storage bool
	// Cleared: on every path that frees it, the function also sets the
	// field the pointer was read from to something else (e.key = nil
	// after C.free(e.key)), so a finalizer that frees the field again
	// finds it cleared
	Cleared bool
	// Weak: the function frees it on some of its own paths, by tests its
	// caller cannot repeat (a reference count): a possible free only
	Weak bool
	// Guard: it frees only when a field had these signs on entry
	// (if !f.valid { return }); Cond: only when its result has these
	// signs (an error path). Conditions.go.
	Guard *Guard
	Cond  *Cond
}

// FuncFact summarizes what a Go function does to the C pointers it is given:
// which it frees, which it hands to a C function that keeps them, which it
// reads, and whether it returns C memory.
type FuncFact struct {
	Frees   []Effect
	Keeps   []Effect
	Uses    []Effect
	Returns *Effect
	// Clears are the fields of parameters that the function sets to nil on
	// every path ($1->h: txn._txn = nil), so that a later
	// `if txn._txn != nil { free }` in the caller frees nothing
	Clears []string
	// Sets are the fields of parameters that the function leaves set to a
	// constant on every path (f.valid = false)
	Sets []FieldValue
	// Results are, per result, the signs it has on some exit (a helper
	// that always returns errors.New(...) returns a non-nil error), or nil
	// when unknown
	Results []uint8
}

func (*FuncFact) AFact() {}

func (f *FuncFact) String() string {
	var parts []string
	for _, e := range f.Frees {
		w := "frees"
		if e.Maybe {
			w = "may free"
		}
		w += " " + e.Path + " via " + e.Via
		if e.Guard != nil {
			w += " if " + e.Guard.Path + " is " + signsText(signs(e.Guard.Signs))
		}
		if e.Cond != nil {
			w += " if $ret" + partText(e.Cond.Part) + " is " + signsText(signs(e.Cond.Signs))
		}
		parts = append(parts, w)
	}
	for _, e := range f.Keeps {
		parts = append(parts, "keeps "+e.Path+" via "+e.Via)
	}
	for _, e := range f.Uses {
		w := "uses " + e.Path
		if e.Guard != nil {
			w += " if " + e.Guard.Path + " is " + signsText(signs(e.Guard.Signs))
		}
		parts = append(parts, w)
	}
	if f.Returns != nil {
		parts = append(parts, "returns C memory from "+f.Returns.Via)
	}
	for _, p := range f.Clears {
		parts = append(parts, "clears "+p)
	}
	for _, v := range f.Sets {
		parts = append(parts, "sets "+v.Path+" "+signsText(signs(v.Signs)))
	}
	return strings.Join(parts, "; ")
}

func (f *FuncFact) empty() bool {
	return len(f.Frees) == 0 && len(f.Keeps) == 0 && len(f.Uses) == 0 && f.Returns == nil && len(f.Clears) == 0 &&
		len(f.Sets) == 0 && !f.knownResults()
}

// nilExits counts the exits that do not free a block but know its pointer is
// nil there: they free it vacuously (if out != nil { free(out) } frees $1 on
// every exit, as the C side's summaries count it).
func nilExits(exits []*state, t tokID, frees func(*state) bool) int {
	n := 0
	for _, s := range exits {
		if !frees(s) && s.cond.known[subject{t: t}] == sZero {
			n++
		}
	}
	return n
}

// knownResults reports whether some result's signs are known (not all).
func (f *FuncFact) knownResults() bool {
	for _, r := range f.Results {
		if signs(r) != sAll {
			return true
		}
	}
	return false
}

// resultSignsOf returns, per result, the union of its signs over the exits
// (each exit's cond.ret, computed while the summary is built), or nil.
func resultSignsOf(exits []*state) []uint8 {
	if len(exits) == 0 {
		return nil
	}
	n := len(exits[0].cond.ret)
	out := make([]uint8, n)
	for _, e := range exits {
		if len(e.cond.ret) != n {
			return nil
		}
		for k, r := range e.cond.ret {
			out[k] |= uint8(r)
		}
	}
	return out
}

// FinalizerFact says which fields of a type's values a finalizer or cleanup
// frees (for MissingKeepAlive and GoFreesTwice in importing packages).
type FinalizerFact struct {
	Fields []FinalizedField
}

// FinalizedField is one field a finalizer frees.
type FinalizedField struct {
	Field string
	Desc  string
	At    string
	Frees string
}

func (*FinalizerFact) AFact() {}

func (f *FinalizerFact) String() string {
	var parts []string
	for _, x := range f.Fields {
		parts = append(parts, "finalizer frees "+x.Field)
	}
	return strings.Join(parts, "; ")
}

// PackageDirs maps import paths to source directories, for the drivers that
// know them (the command fills it from go vet's unit configuration or from
// go list); other drivers leave it empty and the directory is found from the
// files' positions.
var PackageDirs = map[string]string{}

// Facts loads the C facts for a package; the command and the tests may
// replace it. The default reads cfacts.Default.
var Facts = func(pass *analysis.Pass) (*cfacts.Facts, error) {
	in := cfacts.PackageInputs{ImportPath: pass.Pkg.Path(), OtherFiles: pass.OtherFiles, Dir: packageDir(pass)}
	for _, f := range pass.Files {
		in.GoFiles = append(in.GoFiles, pass.Fset.Position(f.Package).Filename)
	}
	return cfacts.Default.Load(in)
}

// packageDir returns the package's source directory: from PackageDirs, else
// the directory of a file the package was written in (through cgo's //line
// directives for the files cgo generated), or "".
func packageDir(pass *analysis.Pass) string {
	if d := PackageDirs[pass.Pkg.Path()]; d != "" {
		return d
	}
	for _, f := range pass.Files {
		name := pass.Fset.Position(f.Package).Filename
		if strings.HasPrefix(filepath.Base(name), "_cgo_") {
			continue
		}
		if abs, err := filepath.Abs(name); err == nil {
			name = abs
		}
		if st, err := os.Stat(name); err == nil && st.Mode().IsRegular() {
			return filepath.Dir(name)
		}
	}
	return ""
}

var warned sync.Map

func run(pass *analysis.Pass) (any, error) {
	if !relevant(pass) {
		// Neither cgo nor a package whose functions have summaries:
		// nothing to follow (most of the standard library under go vet).
		return &Result{}, nil
	}
	ssainfo := buildSSA(pass)
	facts, err := Facts(pass)
	if err != nil {
		return nil, err
	}
	for _, w := range facts.Warnings {
		if _, dup := warned.LoadOrStore(w, true); !dup {
			fmt.Fprintf(os.Stderr, "cgo-lifetime-vet: warning: %s\n", w)
		}
	}
	c := newChecker(pass, facts)
	funcs := order(ssainfo.SrcFuncs)
	c.ka.callers = newCallGraph(funcs)
	// Pass 1: the summaries (callees first) and the finalizers.
	for _, fn := range funcs {
		if c.summarize(fn) {
			c.exhausted[fn] = true
		}
	}
	// Pass 2: the findings. A wrapper cgo wrote around a C call runs where
	// it is called (inline, with the call's position); on its own it would
	// report what it allocates a second time, at a position in cgo's code.
	for _, fn := range funcs {
		if fn.Parent() != nil && isCgoWrapper(fn) {
			continue
		}
		x := c.explorer(fn, true)
		for _, e := range x.run(fn, newState()) {
			x.atExit(e)
			x.keepsAtExit(e)
		}
		x.flushKeepAlive()
		if x.steps >= MaxSteps {
			c.exhausted[fn] = true
		}
	}
	c.emitKeepAlive()
	c.warnExhausted(funcs)
	c.exportFacts(funcs)
	return &Result{Findings: c.sortedFindings(), Keeps: c.keptArgs(funcs)}, nil
}

func (c *checker) explorer(fn *ssa.Function, report bool) *explorer {
	return &explorer{c: c, top: fn, report: report,
		live:      map[*ssa.Function]map[*ssa.BasicBlock]map[ssa.Value]bool{},
		kaPending: map[kaKey]kaCheck{}, kaUsed: map[kaKey]bool{},
		entry: map[*ssa.BasicBlock]map[ssa.Value]bool{}}
}

// warnExhausted names, once each, the functions whose exploration ran out of
// its budget: no silent pass. The standard library is left out: it is
// analysed only for the facts of its few cgo functions (net's resolver), which
// are small, its findings are never reported, and the user cannot change it.
func (c *checker) warnExhausted(funcs []*ssa.Function) {
	if dir := packageDir(c.pass); dir != "" && cfacts.InGOROOT(dir) {
		return
	}
	for _, fn := range funcs {
		if !c.exhausted[fn] || (fn.Parent() != nil && isCgoWrapper(fn)) {
			continue
		}
		p := c.pass.Fset.Position(fn.Pos())
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p.Filename); err == nil && !strings.HasPrefix(rel, "..") {
				p.Filename = rel
			}
		}
		w := fmt.Sprintf("%s:%d: %s: the lifetime analysis ran out of its budget of %d instructions (-max-steps) and did not follow every path; findings on the others may be missing",
			p.Filename, p.Line, fn.RelString(c.pass.Pkg), MaxSteps)
		if _, dup := warned.LoadOrStore(w, true); !dup {
			exhausted.Add(1)
			fmt.Fprintf(os.Stderr, "cgo-lifetime-vet: warning: %s\n", w)
		}
	}
}

// exhausted counts the functions named in a budget warning.
var exhausted atomic.Int64

// Incomplete returns how many functions ran out of the path budget so far:
// the analysis of this process did not follow every path (the standalone
// command's exit status 3).
func Incomplete() int { return int(exhausted.Load()) }

// summarize computes the summary of fn from its exit states; it reports
// whether the exploration ran out of its budget.
func (c *checker) summarize(fn *ssa.Function) bool {
	f := &FuncFact{}
	c.building[fn] = f
	x := c.explorer(fn, false)
	exits := x.run(fn, newState())
	delete(c.building, fn)
	count := map[string]int{}
	cleared := map[string]int{}
	tokOf := map[string]tokID{}
	first := map[string]Effect{}
	var paths []string
	for _, e := range exits {
		for t, n := range e.freed {
			path, ok := c.paramPath(t)
			if !ok || n.how == "invalidated" {
				continue
			}
			tk := c.toks[t]
			if _, seen := first[path]; !seen {
				tokOf[path] = t
				storage := n.at.t != 0 && n.at == loc{tk.base, tk.sel}
				first[path] = Effect{Path: path, Maybe: n.maybe, Weak: n.weak, Via: n.by, At: c.at(n.pos), Cite: n.src, Storage: storage}
				paths = append(paths, path)
			}
			count[path]++
			if e.replaced(t, tk) {
				cleared[path]++
			}
		}
		for t, k := range e.keptByC {
			if path, ok := c.paramPath(t); ok {
				c.building[fn] = f
				c.summaryKeeps(fn, path, k.by, k.src, k.pos)
				delete(c.building, fn)
			}
		}
		for _, el := range e.retval {
			t := c.toks[el.t]
			if _, freed := e.freed[el.t]; t.kind == tkC && !freed && f.Returns == nil {
				f.Returns = &Effect{Path: "$ret", Via: cName(t.cfunc), At: c.at(t.pos), Cite: t.ownSrc}
			}
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		if c.toks[tokOf[p]].kind == tkParam {
			// a parameter's own nil check; a field's is a guard (guards.go)
			count[p] += nilExits(exits, tokOf[p], func(s *state) bool { return c.freesPath(s, p) })
		}
		e := first[p]
		if count[p] < len(exits) && !c.freeCondition(&e, exits, p) {
			e.Maybe, e.Weak = true, true
		}
		e.Cleared = cleared[p] == count[p]
		f.Frees = append(f.Frees, e)
	}
	c.guardUses(f)
	f.Clears = c.clearedFields(exits)
	f.Sets = c.setFields(exits)
	f.Results = resultSignsOf(exits)
	c.summaries[fn] = f
	return x.steps >= MaxSteps
}

// clearedFields returns the fields of parameters that every exit state
// leaves set to nil, as access paths, sorted.
func (c *checker) clearedFields(exits []*state) []string {
	if len(exits) == 0 {
		return nil
	}
	var out []string
	for l, cell := range exits[0].heap {
		if len(cell) > 0 || l.sel == "" || strings.ContainsAny(l.sel, "[{") {
			continue
		}
		base, ok := c.paramPath(l.t)
		if !ok {
			continue
		}
		all := true
		for _, e := range exits[1:] {
			if other, ok := e.heap[l]; !ok || len(other) > 0 {
				all = false
				break
			}
		}
		if all {
			out = append(out, fieldPath(base, l.sel))
		}
	}
	sort.Strings(out)
	return out
}

// exportFacts exports the summaries of the package's named functions and
// the finalizers of its types.
func (c *checker) exportFacts(funcs []*ssa.Function) {
	for _, fn := range funcs {
		f := c.summaries[fn]
		obj, ok := fn.Object().(*types.Func)
		if f == nil || f.empty() || !ok || obj == nil || obj.Pkg() != c.pass.Pkg {
			continue
		}
		c.pass.ExportObjectFact(obj, f)
	}
	var tns []*types.TypeName
	for tn := range c.finalizers {
		tns = append(tns, tn)
	}
	sort.Slice(tns, func(i, j int) bool { return tns[i].Pos() < tns[j].Pos() })
	for _, tn := range tns {
		if tn.Pkg() != c.pass.Pkg {
			continue
		}
		var ff FinalizerFact
		var fields []string
		for field := range c.finalizers[tn] {
			fields = append(fields, field)
		}
		sort.Strings(fields)
		for _, field := range fields {
			fin := c.finalizers[tn][field]
			ff.Fields = append(ff.Fields, FinalizedField{Field: field, Desc: fin.desc, At: c.at(fin.pos), Frees: fin.cfunc})
		}
		c.pass.ExportObjectFact(tn, &ff)
	}
}

// order returns the functions callees first (and function literals before
// the functions that hold them), skipping the code cgo generates.
func order(funcs []*ssa.Function) []*ssa.Function {
	in := map[*ssa.Function]bool{}
	for _, fn := range funcs {
		if !isGenerated(fn) {
			in[fn] = true
		}
	}
	done := map[*ssa.Function]bool{}
	var out []*ssa.Function
	var visit func(fn *ssa.Function)
	visit = func(fn *ssa.Function) {
		if done[fn] || !in[fn] {
			return
		}
		done[fn] = true
		for _, a := range fn.AnonFuncs {
			visit(a)
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				for _, op := range instr.Operands(nil) {
					if f, ok := (*op).(*ssa.Function); ok {
						visit(f)
					}
				}
			}
		}
		out = append(out, fn)
	}
	for _, fn := range funcs {
		visit(fn)
	}
	return out
}

// isGenerated reports the functions cgo writes into _cgo_gotypes.go.
func isGenerated(fn *ssa.Function) bool {
	root := fn
	for root.Parent() != nil {
		root = root.Parent()
	}
	n := root.Name()
	return strings.HasPrefix(n, "_Cfunc") || strings.HasPrefix(n, "_C2func") || strings.HasPrefix(n, "_cgo") ||
		strings.HasPrefix(n, "_Cgo") || strings.HasPrefix(n, "_Cvar") || strings.HasPrefix(n, "_Cmacro")
}

// relevant reports whether a package can hold a finding or a summary: it
// calls C (cgo's _Cfunc_ wrappers are in its files), or it refers to a
// function or type of another package that has a fact. Importing such a
// package is not enough: net has facts (its cgo resolver), and net/http,
// which only calls net.Dial and friends, is not worth an SSA form.
func relevant(pass *analysis.Pass) bool {
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && strings.HasPrefix(fd.Name.Name, "_Cfunc_") {
				return true
			}
		}
	}
	facts := pass.AllObjectFacts()
	if len(facts) == 0 {
		return false
	}
	withFacts := make(map[types.Object]bool, len(facts))
	for _, f := range facts {
		withFacts[f.Object] = true
	}
	for _, obj := range pass.TypesInfo.Uses {
		if withFacts[obj] {
			return true
		}
		// A method of an instantiated generic type is a copy of its origin.
		if fn, ok := obj.(*types.Func); ok && withFacts[fn.Origin()] {
			return true
		}
	}
	return false
}

// buildSSA builds the SSA form of the package, as buildssa does, but only for
// the packages relevant finds worth it.
func buildSSA(pass *analysis.Pass) *buildssa.SSA {
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	prog := ssa.NewProgram(pass.Fset, ssa.BuilderMode(0))
	prog.SetNoReturn(cfgs.NoReturn)
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()
	var funcs []*ssa.Function
	var add func(f *ssa.Function)
	add = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, a := range f.AnonFuncs {
			add(a)
		}
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok || obj == nil {
				continue
			}
			if fn := prog.FuncValue(obj); fn != nil {
				add(fn)
			}
		}
	}
	return &buildssa.SSA{Pkg: pkg, SrcFuncs: funcs}
}
