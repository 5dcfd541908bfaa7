// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package main

import (
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/packages"

	"cgolifetime/vet/lifetime"
)

// lineEdit inserts text as whole lines before line (1-based) of a file.
type lineEdit struct {
	line int
	text string
}

// applyFixes applies the safe fixes of the findings: runtime.KeepAlive(x)
// after the statement that holds the C call, or `defer runtime.KeepAlive(x)`
// before it when it is a return statement; `import "runtime"` when the file
// lacks it. Edits are computed on cgo's output and applied by line to the
// original file, which cgo's //line directives name. Each file is written
// whole (a temporary file renamed over it).
func applyFixes(fset *token.FileSet, pkgs []*packages.Package, results []*lifetime.Result, enabled map[string]bool) ([]string, error) {
	files := map[*token.File]*ast.File{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, f := range p.Syntax {
			files[fset.File(f.FileStart)] = f
		}
	})
	edits := map[string][]lineEdit{}
	needImport := map[string]bool{}
	done := map[string]bool{}
	for _, r := range results {
		for _, f := range r.Findings {
			if !enabled[f.Checker] {
				continue
			}
			for _, fix := range f.Fixes {
				if err := addFix(fset, files, fix, edits, needImport, done); err != nil {
					return nil, err
				}
			}
		}
	}
	var fixed []string
	for name, es := range edits {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		lines := strings.Split(string(src), "\n")
		if needImport[name] {
			for i, l := range lines {
				if strings.TrimSpace(l) == `import "C"` {
					es = append(es, lineEdit{i + 2, `import "runtime"`})
					break
				}
			}
		}
		sort.SliceStable(es, func(i, j int) bool { return es[i].line > es[j].line })
		for _, e := range es {
			at := e.line - 1
			if at > len(lines) {
				at = len(lines)
			}
			lines = append(lines[:at], append([]string{e.text}, lines[at:]...)...)
		}
		if err := writeWhole(name, []byte(strings.Join(lines, "\n"))); err != nil {
			return nil, err
		}
		fixed = append(fixed, name)
	}
	sort.Strings(fixed)
	return fixed, nil
}

// addFix adds the line edit of one fix (and notes the import it needs), once
// per statement and value.
func addFix(fset *token.FileSet, files map[*token.File]*ast.File, fix lifetime.Fix, edits map[string][]lineEdit, needImport, done map[string]bool) error {
	file := files[fset.File(fix.Pos)]
	if file == nil {
		return nil
	}
	stmt, isReturn := enclosingStmt(file, fix.Pos)
	if stmt == nil {
		return nil
	}
	start, end := fset.Position(stmt.Pos()), fset.Position(stmt.End())
	if start.Filename == "" || start.Filename != end.Filename {
		return nil
	}
	key := start.Filename + ":" + strconv.Itoa(start.Line) + fix.Value
	if done[key] {
		return nil
	}
	done[key] = true
	src, err := os.ReadFile(start.Filename)
	if err != nil {
		return err
	}
	lines := strings.Split(string(src), "\n")
	if start.Line < 1 || start.Line > len(lines) || end.Line > len(lines) {
		return nil
	}
	indent := leadingSpace(lines[start.Line-1])
	if isReturn {
		edits[start.Filename] = append(edits[start.Filename],
			lineEdit{start.Line, indent + "defer runtime.KeepAlive(" + fix.Value + ")"})
	} else {
		edits[start.Filename] = append(edits[start.Filename],
			lineEdit{end.Line + 1, indent + "runtime.KeepAlive(" + fix.Value + ")"})
	}
	if !imports(file, "runtime") {
		needImport[start.Filename] = true
	}
	return nil
}

// enclosingStmt returns the innermost statement of a block that holds pos,
// outside the function literals cgo writes around C calls.
func enclosingStmt(file *ast.File, pos token.Pos) (ast.Stmt, bool) {
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	var best ast.Stmt
	for i := len(path) - 1; i >= 0; i-- {
		switch n := path[i].(type) {
		case *ast.FuncLit:
			if isCgoLiteral(n) {
				return best, isReturnStmt(best)
			}
		case ast.Stmt:
			if i+1 < len(path) {
				switch path[i+1].(type) {
				case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
					best = n
				}
			}
		}
	}
	return best, isReturnStmt(best)
}

func isReturnStmt(s ast.Stmt) bool {
	_, ok := s.(*ast.ReturnStmt)
	return ok
}

// isCgoLiteral reports a function literal that cgo wrote: it names _cgo*.
func isCgoLiteral(f *ast.FuncLit) bool {
	found := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && strings.HasPrefix(id.Name, "_cgo") {
			found = true
		}
		return !found
	})
	return found
}

func imports(f *ast.File, path string) bool {
	for _, s := range f.Imports {
		if p, err := strconv.Unquote(s.Path.Value); err == nil && p == path {
			return true
		}
	}
	return false
}

func leadingSpace(s string) string {
	return s[:len(s)-len(strings.TrimLeft(s, " \t"))]
}

// writeWhole writes a file through a temporary file in the same folder.
func writeWhole(name string, data []byte) error {
	st, err := os.Stat(name)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".cgo-lifetime-vet-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), st.Mode().Perm()); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), name)
}
