// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// gofacts reads the Go side of one cgo package with the standard library's
// parser and prints, as JSON on stdout, the facts that cgo-boundary cannot get
// from the Go toolchain's own output:
//
//   - the //export functions: name, position, parameters (1-based index, name,
//     line, so that escape-analysis lines can be matched to them);
//   - per exported parameter, what escape analysis cannot see: the pointer
//     converted to uintptr and stored in a package-level map, slice or variable
//     ("retain"), or deleted from a package-level map ("release");
//   - the first reference to each C.name, for evidence strings;
//   - the arguments of C functions at which every Go call passes an integer
//     disguised as a pointer (unsafe.Pointer(uintptr(h)), a runtime/cgo.Handle):
//     C may keep those, they are not Go memory.
//
// Usage: gofacts [-gotypes FILE] DIR FILE.go...   (FILE relative to DIR)
//
// A file that does not parse is left out and its errors are printed on
// stderr; the facts of the other files are printed as usual, and the exit
// status is 3 ("incomplete") instead of 0.
//
// -gotypes names cgo's _cgo_gotypes.go: its `func _Cfunc_NAME` lines tell the C
// functions from C types, so that C.NAME(x) is known to be a call.
//
// It is built by cgo-boundary into its cache with the user's Go and uses the
// standard library only, so it builds with every Go from 1.19 on.
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type param struct {
	Index int    `json:"index"`
	Name  string `json:"name"`
	Line  int    `json:"line"`
}

type fact struct {
	Index  int    `json:"index"`
	Effect string `json:"effect"` // "retain", "release" or "borrow"
	Param  string `json:"param"`
	Target string `json:"target"` // "map 'handles'", "slice 'keep'", "'reg.m'"; borrow: "C.GoString"
	File   string `json:"file"`
	Line   int    `json:"line"`
}

type export struct {
	Name   string  `json:"name"`
	File   string  `json:"file"`
	Line   int     `json:"line"`
	Params []param `json:"params"`
	Facts  []fact  `json:"facts"`
}

type cref struct {
	Name string `json:"name"`
	File string `json:"file"`
	Line int    `json:"line"`
}

// promise is a `#cgo noescape NAME` or `#cgo nocallback NAME` directive of
// a cgo preamble (Go 1.24 and later).
type promise struct {
	Kind string `json:"kind"` // "noescape" or "nocallback"
	Name string `json:"name"`
	File string `json:"file"`
	Line int    `json:"line"`
}

// handleArg is an argument position of a C function at which every Go call
// passes an integer converted to a pointer type.
type handleArg struct {
	Name  string `json:"name"`
	Arg   int    `json:"arg"`  // 1-based
	Expr  string `json:"expr"` // the first such argument, as written
	File  string `json:"file"` // ... and where
	Line  int    `json:"line"`
	Calls int    `json:"calls"` // how many Go calls there are
}

type output struct {
	Exports    []export    `json:"exports"`
	CRefs      []cref      `json:"crefs"`
	Promises   []promise   `json:"promises"`
	HandleArgs []handleArg `json:"handle_args"`
}

// pkgVars maps each package-level variable to a word for its kind: "map",
// "slice", "array" or "global".
type pkgVars map[string]string

func main() {
	args := os.Args[1:]
	cFuncs := map[string]bool{}
	if len(args) >= 2 && args[0] == "-gotypes" {
		cFuncs = readCFuncs(args[1])
		args = args[2:]
	}
	if len(args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gofacts [-gotypes FILE] DIR FILE.go...")
		os.Exit(2)
	}
	dir := args[0]
	fset := token.NewFileSet()
	var files []*ast.File
	skipped := false
	for _, name := range args[1:] {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			printParseError(dir, err)
			skipped = true
			continue
		}
		files = append(files, f)
	}
	vars := collectVars(files)
	out := output{Exports: []export{}, CRefs: []cref{}, Promises: []promise{}}
	seen := map[string]bool{}
	calls := callArgs{}
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if ok && fn.Recv == nil && fn.Body != nil && isExported(fn) {
				out.Exports = append(out.Exports, exportFacts(fset, dir, fn, vars, cFuncs))
			}
		}
		out.CRefs = append(out.CRefs, cRefs(fset, dir, f, seen)...)
		out.Promises = append(out.Promises, promises(fset, dir, f)...)
		calls.addFile(fset, dir, f)
	}
	out.HandleArgs = calls.handleArgs()
	sort.Slice(out.Exports, func(i, j int) bool { return out.Exports[i].Name < out.Exports[j].Name })
	sort.Slice(out.CRefs, func(i, j int) bool { return out.CRefs[i].Name < out.CRefs[j].Name })
	sort.SliceStable(out.Promises, func(i, j int) bool {
		a, b := out.Promises[i], out.Promises[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Name < b.Name
	})
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if skipped {
		os.Exit(3)
	}
}

// printParseError prints each error of a file that does not parse on a line
// of its own, with the file relative to dir ("file.go:2:9: expected ')',
// found '{'").
func printParseError(dir string, err error) {
	list, ok := err.(scanner.ErrorList)
	if !ok {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	for _, e := range list {
		pos := e.Pos
		if rel, err := filepath.Rel(dir, pos.Filename); err == nil {
			pos.Filename = rel
		}
		fmt.Fprintf(os.Stderr, "%s: %s\n", pos, e.Msg)
	}
}

func isExported(fn *ast.FuncDecl) bool {
	if fn.Doc == nil {
		return false
	}
	for _, c := range fn.Doc.List {
		if strings.HasPrefix(c.Text, "//export ") {
			return true
		}
	}
	return false
}

func relPos(fset *token.FileSet, dir string, p token.Pos) (string, int) {
	pos := fset.Position(p)
	rel, err := filepath.Rel(dir, pos.Filename)
	if err != nil {
		rel = filepath.Base(pos.Filename)
	}
	return filepath.ToSlash(rel), pos.Line
}

func collectVars(files []*ast.File) pkgVars {
	vars := pkgVars{}
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, s := range gd.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					var val ast.Expr
					if i < len(vs.Values) {
						val = vs.Values[i]
					}
					vars[n.Name] = kindOf(vs.Type, val)
				}
			}
		}
	}
	return vars
}

func kindOf(typ, val ast.Expr) string {
	if typ == nil && val != nil {
		switch v := val.(type) {
		case *ast.CompositeLit:
			typ = v.Type
		case *ast.CallExpr:
			if id, ok := v.Fun.(*ast.Ident); ok && id.Name == "make" && len(v.Args) > 0 {
				typ = v.Args[0]
			}
		}
	}
	switch t := typ.(type) {
	case *ast.MapType:
		return "map"
	case *ast.ArrayType:
		if t.Len == nil {
			return "slice"
		}
		return "array"
	}
	return "global"
}

// unconvert strips parentheses and the conversions uintptr(x) and
// unsafe.Pointer(x) around x.
func unconvert(e ast.Expr) ast.Expr {
	for {
		switch v := e.(type) {
		case *ast.ParenExpr:
			e = v.X
			continue
		case *ast.CallExpr:
			if len(v.Args) == 1 && isConversion(v.Fun) {
				e = v.Args[0]
				continue
			}
		}
		return e
	}
}

func isConversion(fun ast.Expr) bool {
	if id, ok := fun.(*ast.Ident); ok {
		return id.Name == "uintptr"
	}
	return isUnsafePointer(fun)
}

// selectorOf is NAME when e is pkg.NAME, else "".
func selectorOf(e ast.Expr, pkg string) string {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	if x, ok := sel.X.(*ast.Ident); ok && x.Name == pkg {
		return sel.Sel.Name
	}
	return ""
}

func isUnsafePointer(e ast.Expr) bool {
	return selectorOf(e, "unsafe") == "Pointer"
}

func isUintptrCall(e ast.Expr) bool {
	c, ok := unparen(e).(*ast.CallExpr)
	if !ok || len(c.Args) != 1 {
		return false
	}
	id, ok := c.Fun.(*ast.Ident)
	return ok && id.Name == "uintptr"
}

// funcState tracks, inside one exported function, which identifiers hold a
// parameter's value as uintptr.
type funcState struct {
	params  map[string]int    // parameter name -> index
	aliases map[string]string // local name -> parameter it holds as uintptr
	locals  map[string]bool   // names declared in the function (shadowing)
}

// uintptrParam reports which parameter e is uintptr(p) of, if any.
func (st *funcState) uintptrParam(e ast.Expr) string {
	if isUintptrCall(e) {
		if id, ok := unconvert(e).(*ast.Ident); ok {
			if _, isParam := st.params[id.Name]; isParam {
				return id.Name
			}
		}
		return ""
	}
	if id, ok := e.(*ast.Ident); ok {
		return st.aliases[id.Name]
	}
	return ""
}

// keyParam reports which parameter e is, possibly converted.
func (st *funcState) keyParam(e ast.Expr) string {
	if p := st.uintptrParam(e); p != "" {
		return p
	}
	if id, ok := unconvert(e).(*ast.Ident); ok {
		if _, isParam := st.params[id.Name]; isParam {
			return id.Name
		}
		return st.aliases[id.Name]
	}
	return ""
}

// findUintptr returns the parameter held as uintptr somewhere inside e.
func (st *funcState) findUintptr(e ast.Expr) string {
	found := ""
	ast.Inspect(e, func(n ast.Node) bool {
		if found != "" {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if x, ok := n.(ast.Expr); ok {
			found = st.uintptrParam(x)
		}
		return found == ""
	})
	return found
}

// target describes the package-level storage that e (an assignment's left
// side or delete's map) lives in, or "" when it is local.
func (st *funcState) target(e ast.Expr, vars pkgVars) string {
	for {
		if ix, ok := e.(*ast.IndexExpr); ok {
			e = ix.X
			continue
		}
		if p, ok := e.(*ast.ParenExpr); ok {
			e = p.X
			continue
		}
		break
	}
	name := exprString(e)
	root := e
	for {
		sel, ok := root.(*ast.SelectorExpr)
		if !ok {
			break
		}
		root = sel.X
	}
	id, ok := root.(*ast.Ident)
	if !ok || st.locals[id.Name] {
		return ""
	}
	if _, isParam := st.params[id.Name]; isParam {
		return ""
	}
	kind, isVar := vars[id.Name]
	if !isVar || name == "" {
		return ""
	}
	if id == e {
		if kind == "global" {
			return "variable '" + name + "'"
		}
		return kind + " '" + name + "'"
	}
	return "'" + name + "'"
}

func exprString(e ast.Expr) string {
	switch v := e.(type) {
	case *ast.Ident:
		return v.Name
	case *ast.SelectorExpr:
		x := exprString(v.X)
		if x == "" {
			return ""
		}
		return x + "." + v.Sel.Name
	}
	return ""
}

func exportFacts(fset *token.FileSet, dir string, fn *ast.FuncDecl, vars pkgVars, cFuncs map[string]bool) export {
	file, line := relPos(fset, dir, fn.Pos())
	ex := export{Name: fn.Name.Name, File: file, Line: line, Params: []param{}, Facts: []fact{}}
	st := &funcState{params: map[string]int{}, aliases: map[string]string{}, locals: map[string]bool{}}
	index := 0
	for _, field := range fn.Type.Params.List {
		if len(field.Names) == 0 {
			index++
			continue
		}
		for _, n := range field.Names {
			index++
			_, pline := relPos(fset, dir, n.Pos())
			ex.Params = append(ex.Params, param{Index: index, Name: n.Name, Line: pline})
			st.params[n.Name] = index
		}
	}
	add := func(effect, p, target string, pos token.Pos) {
		f, l := relPos(fset, dir, pos)
		ex.Facts = append(ex.Facts, fact{Index: st.params[p], Effect: effect, Param: p, Target: target, File: f, Line: l})
	}
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ValueSpec:
			for i, name := range s.Names {
				st.locals[name.Name] = true
				if i < len(s.Values) {
					if p := st.uintptrParam(s.Values[i]); p != "" {
						st.aliases[name.Name] = p
					}
				}
			}
		case *ast.AssignStmt:
			st.assign(s, vars, add)
		case *ast.CallExpr:
			if id, ok := s.Fun.(*ast.Ident); ok && id.Name == "delete" && len(s.Args) == 2 {
				if p := st.keyParam(s.Args[1]); p != "" {
					if t := st.target(s.Args[0], vars); t != "" {
						add("release", p, t, s.Pos())
					}
				}
			}
		}
		return true
	})
	for _, field := range fn.Type.Params.List {
		for _, n := range field.Names {
			if callee, pos, ok := onlyToC(fn.Body, n.Obj, cFuncs); ok {
				add("borrow", n.Name, callee, pos)
			}
		}
	}
	return ex
}

// cgoCopies are cgo's helpers that copy C memory into Go memory.
var cgoCopies = map[string]bool{"GoString": true, "GoStringN": true, "GoBytes": true}

// readCFuncs reads the C functions the package calls from _cgo_gotypes.go:
// C.NAME(x) of one of them is a call, not a conversion to a C type.
func readCFuncs(path string) map[string]bool {
	names := map[string]bool{}
	data, err := os.ReadFile(path)
	if err != nil {
		return names
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest := strings.TrimPrefix(line, "func _Cfunc_"); rest != line {
			if i := strings.IndexByte(rest, '('); i > 0 {
				names[rest[:i]] = true
			}
		}
	}
	return names
}

// onlyToC reports whether every use of the parameter obj in body hands it to
// C: an argument of a call C.name(...), directly or through conversions, or a
// comparison with nil; and the first C function it goes to. cgo makes every
// argument of a C call escape, so escape analysis calls such a parameter
// leaking although Go keeps nothing (C.GoString copies). A use inside a
// closure or a go statement, or any other use, and the answer is no.
func onlyToC(body *ast.BlockStmt, obj *ast.Object, cFuncs map[string]bool) (string, token.Pos, bool) {
	if obj == nil || body == nil {
		return "", token.NoPos, false
	}
	var stack []ast.Node
	callee, pos, bad := "", token.NoPos, false
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		stack = append(stack, n)
		if id, ok := n.(*ast.Ident); ok && id.Obj == obj && !bad {
			name, p, ok := cUse(stack, cFuncs)
			switch {
			case !ok:
				bad = true
			case callee == "" && name != "":
				callee, pos = name, p
			}
		}
		return true
	})
	return callee, pos, !bad && callee != ""
}

// cUse classifies the use of the identifier at the top of stack (its
// ancestors below it): the C function it is handed to ("" for a nil
// comparison), or not ok. cFuncs: the names known to be C functions.
func cUse(stack []ast.Node, cFuncs map[string]bool) (string, token.Pos, bool) {
	for _, n := range stack {
		switch n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return "", token.NoPos, false
		}
	}
	pending, pendingPos := "", token.NoPos // C.name(x) with one argument: maybe a C type conversion
	for i := len(stack) - 1; i > 0; i-- {
		child := stack[i]
		switch p := stack[i-1].(type) {
		case *ast.ParenExpr:
			continue
		case *ast.CallExpr:
			if child == p.Fun {
				return "", token.NoPos, false
			}
			if isGoPointerConversion(p.Fun) {
				continue
			}
			name := selectorOf(p.Fun, "C")
			if name == "" {
				return "", token.NoPos, false // a Go function may keep it
			}
			if cgoCopies[name] || cFuncs[name] || len(p.Args) > 1 {
				return "C." + name, p.Pos(), true
			}
			if pending == "" {
				pending, pendingPos = "C."+name, p.Pos()
			}
			continue // follow the value: C.gpointer(p) is a conversion, not a call
		case *ast.BinaryExpr:
			if (p.Op == token.EQL || p.Op == token.NEQ) && (isNil(p.X) || isNil(p.Y)) {
				return pending, pendingPos, true
			}
			return "", token.NoPos, false
		case *ast.ExprStmt:
			return pending, pendingPos, pending != ""
		default:
			return "", token.NoPos, false
		}
	}
	return "", token.NoPos, false
}

// isGoPointerConversion: unsafe.Pointer(x) or (*T)(x).
func isGoPointerConversion(fun ast.Expr) bool {
	_, star := unparen(fun).(*ast.StarExpr)
	return star || isUnsafePointer(fun)
}

func isNil(e ast.Expr) bool {
	id, ok := unparen(e).(*ast.Ident)
	return ok && id.Name == "nil"
}

func (st *funcState) assign(s *ast.AssignStmt, vars pkgVars, add func(effect, p, target string, pos token.Pos)) {
	for i, lhs := range s.Lhs {
		var rhs ast.Expr
		if len(s.Lhs) == len(s.Rhs) {
			rhs = s.Rhs[i]
		}
		if id, ok := lhs.(*ast.Ident); ok && s.Tok == token.DEFINE {
			st.locals[id.Name] = true
			if rhs != nil {
				if p := st.uintptrParam(rhs); p != "" {
					st.aliases[id.Name] = p
				}
			}
			continue
		}
		p := ""
		if ix, ok := lhs.(*ast.IndexExpr); ok {
			p = st.findUintptr(ix.Index)
		}
		if p == "" && rhs != nil {
			p = st.findUintptr(rhs)
		}
		if p == "" {
			continue
		}
		if t := st.target(lhs, vars); t != "" {
			add("retain", p, t, s.Pos())
		}
	}
}

func cRefs(fset *token.FileSet, dir string, f *ast.File, seen map[string]bool) []cref {
	imported := false
	for _, im := range f.Imports {
		if im.Path.Value == `"C"` {
			imported = true
		}
	}
	if !imported {
		return nil
	}
	var refs []cref
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if name := selectorOf(sel, "C"); name != "" && !seen[name] {
			seen[name] = true
			file, line := relPos(fset, dir, sel.Pos())
			refs = append(refs, cref{Name: name, File: file, Line: line})
		}
		return true
	})
	return refs
}

// promises reads the `#cgo noescape NAME` and `#cgo nocallback NAME` lines of
// the preamble (the comment above `import "C"`), each with its file:line.
func promises(fset *token.FileSet, dir string, f *ast.File) []promise {
	var out []promise
	for _, d := range f.Decls {
		gen, ok := d.(*ast.GenDecl)
		if !ok || gen.Tok != token.IMPORT {
			continue
		}
		for _, spec := range gen.Specs {
			im, ok := spec.(*ast.ImportSpec)
			if !ok || im.Path.Value != `"C"` {
				continue
			}
			doc := im.Doc
			if doc == nil && len(gen.Specs) == 1 {
				doc = gen.Doc
			}
			if doc == nil {
				continue
			}
			for _, c := range doc.List {
				file, line := relPos(fset, dir, c.Slash)
				for i, text := range strings.Split(c.Text, "\n") {
					fields := strings.Fields(strings.TrimPrefix(strings.TrimSpace(text), "//"))
					if len(fields) != 3 || fields[0] != "#cgo" {
						continue
					}
					if fields[1] == "noescape" || fields[1] == "nocallback" {
						out = append(out, promise{Kind: fields[1], Name: fields[2], File: file, Line: line + i})
					}
				}
			}
		}
	}
	return out
}

// callArgs gathers, per C function and argument position, whether every Go
// call C.name(...) passes an integer converted to a pointer there.
type callArgs map[string]*calledC

type calledC struct {
	calls   int
	handles map[int]*handleArg // arg -> first example; deleted on a counterexample
}

func (ca callArgs) addFile(fset *token.FileSet, dir string, f *ast.File) {
	cgoName := importName(f, "runtime/cgo", "cgo")
	if importName(f, "C", "C") == "" {
		return
	}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Body == nil {
			continue
		}
		handles := handleIdents(fn, cgoName)
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if name := selectorOf(call.Fun, "C"); name != "" {
				ca.add(fset, dir, name, call, handles, cgoName)
			}
			return true
		})
	}
}

func (ca callArgs) add(fset *token.FileSet, dir, name string, call *ast.CallExpr,
	handles map[string]bool, cgoName string) {
	c := ca[name]
	if c == nil {
		c = &calledC{handles: map[int]*handleArg{}}
		for i, arg := range call.Args {
			if isDisguisedInteger(arg, handles, cgoName) {
				file, line := relPos(fset, dir, arg.Pos())
				c.handles[i+1] = &handleArg{Name: name, Arg: i + 1, Expr: render(fset, arg), File: file, Line: line}
			}
		}
		ca[name] = c
	} else {
		for i := range c.handles {
			if i > len(call.Args) || !isDisguisedInteger(call.Args[i-1], handles, cgoName) {
				delete(c.handles, i)
			}
		}
	}
	c.calls++
}

func (ca callArgs) handleArgs() []handleArg {
	out := []handleArg{}
	for _, c := range ca {
		for _, h := range c.handles {
			h.Calls = c.calls
			out = append(out, *h)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Arg < out[j].Arg
	})
	return out
}

// importName is the name under which f imports path ("" when it does not;
// def when the import has no name of its own).
func importName(f *ast.File, path, def string) string {
	for _, im := range f.Imports {
		if im.Path.Value != `"`+path+`"` {
			continue
		}
		if im.Name != nil {
			return im.Name.Name
		}
		return def
	}
	return ""
}

// handleIdents are the names that hold a runtime/cgo.Handle in fn: parameters
// and variables of type cgo.Handle, and variables set from cgo.NewHandle(...).
func handleIdents(fn *ast.FuncDecl, cgoName string) map[string]bool {
	ids := map[string]bool{}
	if cgoName == "" {
		return ids
	}
	isHandleType := func(t ast.Expr) bool { return selectorOf(t, cgoName) == "Handle" }
	addFields := func(fl *ast.FieldList) {
		if fl == nil {
			return
		}
		for _, field := range fl.List {
			if isHandleType(field.Type) {
				for _, n := range field.Names {
					ids[n.Name] = true
				}
			}
		}
	}
	addFields(fn.Type.Params)
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch v := n.(type) {
		case *ast.AssignStmt:
			if len(v.Lhs) == len(v.Rhs) {
				for i, rhs := range v.Rhs {
					if id, ok := v.Lhs[i].(*ast.Ident); ok && isHandleValue(rhs, nil, cgoName) {
						ids[id.Name] = true
					}
				}
			}
		case *ast.ValueSpec:
			for i, n := range v.Names {
				if (v.Type != nil && isHandleType(v.Type)) ||
					(i < len(v.Values) && isHandleValue(v.Values[i], nil, cgoName)) {
					ids[n.Name] = true
				}
			}
		}
		return true
	})
	return ids
}

// isHandleValue: cgo.NewHandle(...), cgo.Handle(...), or a name in handles.
func isHandleValue(e ast.Expr, handles map[string]bool, cgoName string) bool {
	e = unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		return handles[id.Name]
	}
	call, ok := e.(*ast.CallExpr)
	if !ok || cgoName == "" {
		return false
	}
	name := selectorOf(call.Fun, cgoName)
	return name == "NewHandle" || name == "Handle"
}

// isDisguisedInteger: a conversion to a pointer type (unsafe.Pointer(...) or a
// C typedef such as C.gpointer(...)) of an integer: a handle, or uintptr(x) of
// anything but a pointer (unsafe.Pointer(...) or &x).
func isDisguisedInteger(e ast.Expr, handles map[string]bool, cgoName string) bool {
	call, ok := unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || !isPointerConversion(call.Fun) {
		return false
	}
	inner := unparen(call.Args[0])
	if isHandleValue(inner, handles, cgoName) {
		return true
	}
	if !isUintptrCall(inner) {
		return false
	}
	switch x := unparen(inner.(*ast.CallExpr).Args[0]).(type) {
	case *ast.UnaryExpr:
		return x.Op != token.AND
	case *ast.CallExpr:
		return !isConversion(x.Fun) // uintptr(unsafe.Pointer(p)) is a pointer
	}
	return true
}

func isPointerConversion(fun ast.Expr) bool {
	return isUnsafePointer(fun) || selectorOf(fun, "C") != ""
}

func unparen(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

func render(fset *token.FileSet, e ast.Expr) string {
	var b strings.Builder
	if err := printer.Fprint(&b, fset, e); err != nil {
		return ""
	}
	return b.String()
}
