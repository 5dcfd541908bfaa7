// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package lifetime

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"cgolifetime/vet/cfacts"
)

// finalizer is a runtime.SetFinalizer or runtime.AddCleanup that frees a
// field of a type's values.
type finalizer struct {
	pos   token.Pos
	desc  string // "runtime.SetFinalizer(b, (*Buf).free)"
	cfunc string // what frees: "C.free (via (*Buf).free)"
	fn    *ssa.Function
}

// checker holds what one package's analysis shares between functions.
type checker struct {
	pass  *analysis.Pass
	facts *cfacts.Facts

	toks     []*tok
	byInstr  map[ssa.Instruction]tokID
	byLoc    map[loc]tokID
	byParam  map[ssa.Value]tokID
	byGlobal map[*ssa.Global]tokID
	byFunc   map[*ssa.Function]tokID
	borrowed []tokID
	elems    elemTable
	notes    map[keptNote]*keptNote

	results map[resultKey]tokID // tokens of call results that conditions wait on
	// per summary being built and path used, the fields every use so far
	// was guarded by (conditions.go)
	useGuards  map[*FuncFact]map[string]map[loc]signs
	summaries  map[*ssa.Function]*FuncFact
	building   map[*ssa.Function]*FuncFact
	finalizers map[*types.TypeName]map[string]*finalizer
	finFuncs   map[*ssa.Function]bool
	exhausted  map[*ssa.Function]bool // ran out of MaxSteps
	ka         kaPackage              // MissingKeepAlive (keepalive.go)

	findings map[string]*Finding
	names    map[token.Pos]string // call Lparen or index Lbrack -> source name
	keeps    *keepCallers         // what Go calls pass to C functions that keep an argument

	freshOuts map[freshOutKey]tokID // freshOut's blocks
}

func newChecker(pass *analysis.Pass, facts *cfacts.Facts) *checker {
	c := &checker{
		pass:       pass,
		facts:      facts,
		toks:       []*tok{nil},
		byInstr:    map[ssa.Instruction]tokID{},
		byLoc:      map[loc]tokID{},
		byParam:    map[ssa.Value]tokID{},
		byGlobal:   map[*ssa.Global]tokID{},
		byFunc:     map[*ssa.Function]tokID{},
		notes:      map[keptNote]*keptNote{},
		summaries:  map[*ssa.Function]*FuncFact{},
		building:   map[*ssa.Function]*FuncFact{},
		finalizers: map[*types.TypeName]map[string]*finalizer{},
		finFuncs:   map[*ssa.Function]bool{},
		exhausted:  map[*ssa.Function]bool{},
		findings:   map[string]*Finding{},
		names:      map[token.Pos]string{},
	}
	c.indexNames()
	return c
}

func (c *checker) newTok(t *tok) tokID {
	c.toks = append(c.toks, t)
	return tokID(len(c.toks) - 1)
}

// instrTok returns the token made by an instruction (one per instruction:
// executing it again on a later round of a loop makes the block fresh).
func (c *checker) instrTok(in ssa.Instruction, kind tokKind, pos token.Pos, desc string) tokID {
	if t, ok := c.byInstr[in]; ok {
		return t
	}
	t := &tok{kind: kind, pos: pos, desc: desc, many: c.inLoop(in)}
	if v, ok := in.(ssa.Value); ok {
		t.typ = v.Type()
		if a, ok := in.(*ssa.Alloc); ok {
			t.typ = a.Type()
		}
		if name := c.names[pos]; name != "" && kind != tkClosure {
			t.name = name
		}
	}
	id := c.newTok(t)
	c.byInstr[in] = id
	return id
}

// loadedTok returns the token for what location l holds when nobody wrote
// it on this path; fresh is set for summary locations (any element).
func (c *checker) loadedTok(l loc, in ssa.Instruction, fresh bool) tokID {
	if t, ok := c.byLoc[l]; ok && !fresh {
		return t
	}
	base := c.toks[l.t]
	t := &tok{kind: tkLoaded, base: l.t, sel: l.sel, inC: base.kind == tkC || base.inC, global: base.global,
		desc: selDesc(base.desc, l.sel), pos: token.NoPos}
	if in != nil {
		t.pos = in.Pos()
		if v, ok := in.(ssa.Value); ok {
			t.typ = v.Type()
		}
	}
	id := c.newTok(t)
	if !fresh {
		c.byLoc[l] = id
	}
	return id
}

func selDesc(base, sel string) string {
	if sel == "" {
		return "*" + base
	}
	sel = strings.ReplaceAll(sel, "[*]", "[i]")
	return strings.TrimPrefix(base, "&") + sel
}

func (c *checker) paramTok(v ssa.Value) tokID {
	if t, ok := c.byParam[v]; ok {
		return t
	}
	t := &tok{kind: tkParam, desc: v.Name(), typ: v.Type(), pos: v.Pos()}
	switch p := v.(type) {
	case *ssa.Parameter:
		for i, q := range p.Parent().Params {
			if q == p {
				t.param = i + 1
			}
		}
	case *ssa.FreeVar:
		for i, q := range p.Parent().FreeVars {
			if q == p {
				t.param = -(i + 1)
			}
		}
	}
	id := c.newTok(t)
	c.byParam[v] = id
	return id
}

func (c *checker) globalTok(g *ssa.Global) tokID {
	if t, ok := c.byGlobal[g]; ok {
		return t
	}
	id := c.newTok(&tok{kind: tkGo, desc: g.Name(), global: g, pos: g.Pos(), typ: g.Type()})
	c.byGlobal[g] = id
	return id
}

func (c *checker) funcTok(fn *ssa.Function) tokID {
	if t, ok := c.byFunc[fn]; ok {
		return t
	}
	id := c.newTok(&tok{kind: tkClosure, fn: fn, desc: fn.Name()})
	c.byFunc[fn] = id
	return id
}

func (c *checker) closureTok(in *ssa.MakeClosure, fn *ssa.Function, binds []aval) tokID {
	t := c.instrTok(in, tkClosure, in.Pos(), fn.Name())
	c.toks[t].fn = fn
	c.toks[t].bindings = binds
	return t
}

func (c *checker) addBorrowed(t tokID) {
	for _, b := range c.borrowed {
		if b == t {
			return
		}
	}
	c.borrowed = append(c.borrowed, t)
}

// note interns a kept note, so that equal notes are one pointer.
func (c *checker) note(pos token.Pos, what string) *keptNote {
	k := keptNote{pos, what}
	if n, ok := c.notes[k]; ok {
		return n
	}
	n := &keptNote{pos, what}
	c.notes[k] = n
	return n
}

// varargsCallee names what keeps the elements of the array SSA builds for the
// variadic arguments of a call ("varargs"): the slice append returns (the
// global or field it is stored to), or the arguments of the function called;
// "" for any other value.
func (c *checker) varargsCallee(v ssa.Value) string {
	a, ok := v.(*ssa.Alloc)
	if !ok || a.Comment != "varargs" || a.Referrers() == nil {
		return ""
	}
	for _, r := range *a.Referrers() {
		sl, ok := r.(*ssa.Slice)
		if !ok || sl.Referrers() == nil {
			continue
		}
		for _, u := range *sl.Referrers() {
			call, ok := u.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if b, ok := call.Common().Value.(*ssa.Builtin); ok && b.Name() == "append" {
				return c.appendedTo(call.Value())
			}
			if fn := call.Common().StaticCallee(); fn != nil {
				return "the variadic arguments of " + fn.Name()
			}
			return "the variadic arguments of a call"
		}
	}
	return ""
}

// appendedTo names the slice an append call's result is stored to: a global
// or a field, else the slice append returns.
func (c *checker) appendedTo(v *ssa.Call) string {
	if v != nil && v.Referrers() != nil {
		for _, r := range *v.Referrers() {
			st, ok := r.(*ssa.Store)
			if !ok || st.Val != v {
				continue
			}
			switch a := st.Addr.(type) {
			case *ssa.Global:
				return "global " + a.Name() + " (by append)"
			case *ssa.FieldAddr:
				return "field " + c.fieldExpr(a) + " (by append)"
			}
		}
	}
	return "the slice append returns"
}

// storeNote says where Go keeps what a store writes: a global, a field, a
// slice or array element, a variable captured by a closure.
func (c *checker) storeNote(in *ssa.Store) *keptNote {
	switch a := in.Addr.(type) {
	case *ssa.Global:
		return c.note(in.Pos(), "global "+a.Name())
	case *ssa.FieldAddr:
		return c.note(in.Pos(), "field "+c.fieldExpr(a))
	case *ssa.IndexAddr:
		if callee := c.varargsCallee(a.X); callee != "" {
			return c.note(in.Pos(), callee)
		}
		return c.note(in.Pos(), "an element of "+c.nameOf(a.X))
	case *ssa.Alloc:
		if a.Heap && a.Referrers() != nil {
			for _, r := range *a.Referrers() {
				if mc, ok := r.(*ssa.MakeClosure); ok && !isCgoWrapper(mc.Fn.(*ssa.Function)) {
					return c.note(in.Pos(), "variable "+a.Comment+", captured by a closure")
				}
			}
		}
	}
	return nil
}

func (c *checker) fieldExpr(a *ssa.FieldAddr) string {
	return c.nameOf(a.X) + "." + fieldName(a.X.Type(), a.Field)
}

// nameOf names an SSA value for a report, from the source where possible.
func (c *checker) nameOf(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return v.Name()
	case *ssa.Global:
		return v.Name()
	case *ssa.Alloc:
		if n := c.names[v.Pos()]; n != "" {
			return n
		}
		if v.Comment != "" && !strings.HasPrefix(v.Comment, "_cgo") && v.Comment != "complit" {
			return v.Comment
		}
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return c.nameOf(v.X)
		}
	case *ssa.FieldAddr:
		return c.fieldExpr(v)
	case *ssa.Convert:
		return c.nameOf(v.X)
	case *ssa.ChangeType:
		return c.nameOf(v.X)
	}
	if n := c.names[v.Pos()]; n != "" {
		return n
	}
	return "a value"
}

// exprName names the map of a map access at pos.
func (c *checker) exprName(v ssa.Value, pos token.Pos) string {
	if n, ok := c.names[pos]; ok && n != "" {
		return n
	}
	return c.nameOf(v)
}

func (c *checker) valueName(e elem) string {
	t := c.toks[e.t]
	if e.sel == "" {
		return c.display(e.t)
	}
	base := t.desc
	if t.name != "" && t.kind == tkGo {
		base = t.name
	}
	return "&" + strings.TrimPrefix(base, "&") + strings.ReplaceAll(e.sel, "[*]", "[i]")
}

func (c *checker) locName(e elem, t *tok) string {
	base := t.desc
	if t.name != "" {
		base = t.name
	}
	return strings.TrimPrefix(base, "&") + strings.ReplaceAll(e.sel, "[*]", "[i]")
}

// display names a block for a message: "ptr (from C.alloc_int)", "b.p",
// "the result of C.rec_name".
func (c *checker) display(t tokID) string {
	tk := c.toks[t]
	if tk.kind == tkGo && tk.name != "" && !strings.HasPrefix(tk.desc, "&") {
		return tk.name
	}
	if tk.kind == tkC {
		if strings.HasPrefix(tk.name, tk.desc+"(") {
			return tk.name // the call as written: C.CString("me")
		}
		if tk.name != "" {
			return tk.name + " (from " + tk.desc + ")"
		}
		return "returned by " + tk.desc
	}
	return tk.desc
}

// indexNames maps source positions to names: the variable a call's result is
// assigned to (by the call's Lparen), the map of an index expression (by its
// Lbrack).
func (c *checker) indexNames() {
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i, r := range n.Rhs {
						c.nameCalls(r, types.ExprString(n.Lhs[i]))
					}
				}
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i, r := range n.Values {
						c.nameCalls(r, n.Names[i].Name)
					}
				}
			case *ast.IndexExpr:
				c.names[n.Lbrack] = types.ExprString(n.X)
			}
			return true
		})
	}
}

// nameCalls names the calls of an assigned expression that reach the
// variable directly or through conversions. cgo's temporaries (_cgo1 := the
// argument of a C call, in the wrapper cgo writes around the call) are no
// names the user wrote: each call there is named by its own text as written,
// C.CString("me").
func (c *checker) nameCalls(e ast.Expr, name string) {
	temp := strings.HasPrefix(name, "_cgo")
	amp := ""
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
			continue
		case *ast.UnaryExpr:
			if x.Op == token.AND {
				e, amp = x.X, "&"
				continue
			}
		case *ast.CompositeLit:
			if temp {
				if name = asWritten(x); name != "" {
					name = amp + name // the pointer: &C.box{…}
				}
			}
			if _, taken := c.names[x.Lbrace]; !taken && name != "_" && name != "" {
				c.names[x.Lbrace] = name
			}
		case *ast.CallExpr:
			if temp {
				name = asWritten(x)
			}
			if _, taken := c.names[x.Lparen]; !taken && name != "_" && name != "" {
				c.names[x.Lparen] = name
			}
			if len(x.Args) == 1 {
				e = x.Args[0]
				continue
			}
		}
		return
	}
}

// cgoNames matches the names cgo gives what the user wrote as C.name
// (_Cfunc_CString, _Ctype_struct_rec, _Cmacro_X), and a parenthesized C
// function, (C.f)(...), as cgo writes calls.
var cgoNames = regexp.MustCompile(`_C(func|2func|type|macro)_|\((C\.\w+)\)`)

// asWritten renders an expression of cgo's rewritten code as the user wrote
// it (C.CString("me") for _Cfunc_CString("me")), or "" when it holds what
// cannot be written back (a wrapper cgo wrote around a nested C call, another
// temporary).
func asWritten(e ast.Expr) string {
	s := cgoNames.ReplaceAllStringFunc(types.ExprString(e), func(m string) string {
		if strings.HasPrefix(m, "(") {
			return m[1 : len(m)-1]
		}
		return "C."
	})
	if strings.Contains(s, "_cgo") || strings.Contains(s, "_Cvar_") || strings.Contains(s, "func(") || strings.Contains(s, "literal)") {
		return ""
	}
	return s
}

func (c *checker) allocDesc(a *ssa.Alloc) string {
	if n := c.names[a.Pos()]; n != "" && a.Comment == "complit" {
		return n
	}
	if a.Comment != "" && a.Comment != "complit" && a.Comment != "slicelit" && a.Comment != "varargs" {
		return "&" + a.Comment
	}
	return "new(" + types.TypeString(deref(a.Type()), types.RelativeTo(c.pass.Pkg)) + ")"
}

// isAggregate reports whether an instruction yields a struct or array value.
func (c *checker) isAggregate(in ssa.Instruction) bool {
	v, ok := in.(ssa.Value)
	if !ok {
		return false
	}
	switch v.Type().Underlying().(type) {
	case *types.Struct, *types.Array:
		return true
	}
	return false
}

// isGoMemory reports whether a value points to Go memory: a Go allocation or
// global, or into a Go slice parameter.
func (c *checker) isGoMemory(e elem) bool {
	if e.byValue {
		// a copy of a struct or array (*(*C.T)(unsafe.Pointer(&e))): not a
		// pointer to the Go memory it was copied from
		return false
	}
	t := c.toks[e.t]
	switch t.kind {
	case tkGo:
		return true
	case tkParam:
		if t.typ != nil {
			if _, ok := t.typ.Underlying().(*types.Slice); ok && strings.HasPrefix(e.sel, "[*]") {
				return true
			}
		}
	}
	return false
}

// isCMemory reports whether t is C memory: a C call's result, or a block read
// from C memory.
func (c *checker) isCMemory(t tokID) bool {
	tk := c.toks[t]
	return tk.kind == tkC || (tk.kind == tkLoaded && tk.inC)
}

// paramPath renders a parameter-rooted token as an access path: $1, $1->p.
func (c *checker) paramPath(t tokID) (string, bool) {
	tk := c.toks[t]
	switch tk.kind {
	case tkParam:
		if tk.param > 0 {
			return "$" + strconv.Itoa(tk.param), true
		}
	case tkLoaded:
		base, ok := c.paramPath(tk.base)
		if !ok || strings.Contains(tk.sel, "{") {
			return "", false
		}
		if tk.sel == "" {
			return "*" + base, true
		}
		return fieldPath(base, tk.sel), true
	}
	return "", false
}

// fieldPath renders a field selection of a parameter-rooted path as an access
// path: "$1" and ".h.p" give "$1->h.p".
func fieldPath(base, sel string) string {
	return base + strings.Replace(sel, ".", "->", 1)
}

// cgoName returns the C name of a cgo wrapper (_Cfunc_NAME, _C2func_NAME).
func (c *checker) cgoName(fn *ssa.Function) (string, bool) {
	if fn.Pkg == nil || fn.Pkg.Pkg != c.pass.Pkg || fn.Parent() != nil {
		return "", false
	}
	for _, p := range []string{"_Cfunc_", "_C2func_"} {
		if strings.HasPrefix(fn.Name(), p) {
			return strings.TrimPrefix(fn.Name(), p), true
		}
	}
	return "", false
}

// funcFact returns the summary of a Go function: computed in this pass or
// imported as an analysis fact.
func (c *checker) funcFact(fn *ssa.Function) *FuncFact {
	if f, ok := c.summaries[fn]; ok {
		return f
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj == nil {
		return nil
	}
	if obj.Pkg() == c.pass.Pkg {
		// a method expression's thunk or a wrapper: the declared function
		if decl := fn.Prog.FuncValue(obj); decl != nil && decl != fn {
			if f, ok := c.summaries[decl]; ok {
				return f
			}
		}
		return nil
	}
	var f FuncFact
	if c.pass.ImportObjectFact(obj, &f) {
		return &f
	}
	return nil
}

func (c *checker) summaryKeeps(fn *ssa.Function, path, via, cite string, pos token.Pos) {
	f := c.building[fn]
	if f == nil {
		return
	}
	for _, k := range f.Keeps {
		if k.Path == path {
			return
		}
	}
	f.Keeps = append(f.Keeps, Effect{Path: path, Via: via, At: c.at(pos), Cite: cite})
}

func (c *checker) summaryUses(fn *ssa.Function, path, how string, pos token.Pos) {
	f := c.building[fn]
	if f == nil {
		return
	}
	for _, u := range f.Uses {
		if u.Path == path {
			return
		}
	}
	f.Uses = append(f.Uses, Effect{Path: path, Via: how, At: c.at(pos)})
}

func (c *checker) at(pos token.Pos) string {
	p := c.pass.Fset.Position(pos)
	return fmt.Sprintf("%s:%d", shortFile(p.Filename), p.Line)
}

func shortFile(f string) string {
	if i := strings.LastIndexByte(f, '/'); i >= 0 {
		return f[i+1:]
	}
	return f
}

// finalizerOf returns the finalizer that frees the field sel (".p") of
// values of type typ (*T), if any.
func (c *checker) finalizerOf(typ types.Type, sel string) (*finalizer, string) {
	tn := namedOf(typ)
	if tn == nil {
		return nil, ""
	}
	field := strings.TrimPrefix(sel, ".")
	if i := strings.IndexAny(field, ".["); i >= 0 {
		field = field[:i]
	}
	if fin := c.finalizers[tn][field]; fin != nil {
		return fin, field
	}
	var ff FinalizerFact
	if tn.Pkg() != c.pass.Pkg && c.pass.ImportObjectFact(tn, &ff) {
		for _, f := range ff.Fields {
			if f.Field == field {
				return &finalizer{pos: token.NoPos, desc: f.Desc + " at " + f.At, cfunc: f.Frees}, field
			}
		}
	}
	return nil, ""
}

func (c *checker) isFinalizerFunc(fn *ssa.Function) bool {
	for f := fn; f != nil; f = f.Parent() {
		if c.finFuncs[f] {
			return true
		}
	}
	return false
}

func (c *checker) add(f *Finding) {
	key := f.Checker + "@" + strconv.Itoa(int(f.Pos))
	if _, dup := c.findings[key]; dup {
		return
	}
	c.findings[key] = f
}

func (c *checker) sortedFindings() []*Finding {
	var out []*Finding
	for _, f := range c.findings {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Pos != out[j].Pos {
			return out[i].Pos < out[j].Pos
		}
		return out[i].Checker < out[j].Checker
	})
	return out
}

func namedOf(t types.Type) *types.TypeName {
	t = deref(t)
	if n, ok := t.(*types.Named); ok {
		return n.Obj()
	}
	return nil
}

func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func fieldName(t types.Type, i int) string {
	if s, ok := deref(t).Underlying().(*types.Struct); ok && i < s.NumFields() {
		name := s.Field(i).Name()
		// cgo renames C fields that are Go keywords: type -> _type
		if strings.HasPrefix(name, "_") && token.Lookup(name[1:]).IsKeyword() {
			return name[1:]
		}
		return name
	}
	return "f" + strconv.Itoa(i)
}

func isInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isSlice(t types.Type) bool {
	_, ok := t.Underlying().(*types.Slice)
	return ok
}

func isPointer(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		return true
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	}
	return false
}

// isPointerLike reports whether a C call's result can be a pointer Go keeps.
func isPointerLike(t types.Type) bool {
	return isPointer(t)
}

func itoa(n int) string { return strconv.Itoa(n) }

// funcDesc names a Go function for a report: "(*Buf).Close", "pkg.Free".
func funcDesc(fn *ssa.Function, from *types.Package) string {
	if obj, ok := fn.Object().(*types.Func); ok && obj != nil {
		if recv := obj.Signature().Recv(); recv != nil {
			return "(" + types.TypeString(recv.Type(), types.RelativeTo(from)) + ")." + obj.Name()
		}
		if obj.Pkg() != nil && obj.Pkg() != from {
			return obj.Pkg().Name() + "." + obj.Name()
		}
		return obj.Name()
	}
	if fn.Parent() != nil {
		return "a function literal"
	}
	return fn.Name()
}

// funcsOf returns the functions a function value may be.
func (c *checker) funcsOf(a aval) []*ssa.Function {
	var out []*ssa.Function
	for _, t := range a.tokens() {
		if tk := c.toks[t]; tk.kind == tkClosure && tk.fn != nil {
			out = append(out, tk.fn)
		}
	}
	return out
}

func (c *checker) addFinalizer(typ types.Type, field string, fin *finalizer) {
	tn := namedOf(typ)
	if tn == nil {
		return
	}
	if i := strings.IndexAny(field, ".["); i >= 0 {
		field = field[:i]
	}
	if c.finalizers[tn] == nil {
		c.finalizers[tn] = map[string]*finalizer{}
	}
	if _, ok := c.finalizers[tn][field]; !ok {
		c.finalizers[tn][field] = fin
	}
}

// declOf returns the declared function behind a method expression's thunk or
// a wrapper of this package, or fn itself.
func (c *checker) declOf(fn *ssa.Function) *ssa.Function {
	if obj, ok := fn.Object().(*types.Func); ok && obj != nil && obj.Pkg() == c.pass.Pkg {
		if decl := fn.Prog.FuncValue(obj); decl != nil {
			return decl
		}
	}
	return fn
}
