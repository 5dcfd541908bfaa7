// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// Package gousesfreed defines the analyzer of the checker cgo.GoUsesFreed.
//
// Its name, the first line of its documentation and its page come from
// Checkers.def (package cgolifetime/vet/checkers); see
// docs/checkers/GoUsesFreed.md.
package gousesfreed

import (
	"golang.org/x/tools/go/analysis"

	"cgolifetime/vet/checkers"
	"cgolifetime/vet/lifetime"
)

// details follows the checker's Help line in the analyzer's Doc.
const details = `
Go uses a C pointer after the memory was freed: it reads through it, passes
it to C, converts it (C.GoString, unsafe.Slice, a dereference), or accesses a
map that still holds it as a key. Freed means C.free, a C function whose
summary or model frees it (or frees what it points into), a call that
invalidates a borrowed pointer (rec_rename after rec_name, sqlite3_step
after sqlite3_column_text), or a Go function that does one of those. The
pointer may have sat in between in a map (key or value), a struct field, a
slice, an interface, a global or a closure.

Silent: a use on an unrelated path; a pointer reassigned or set to nil in
between; a map entry deleted before the free; a value copied into Go memory
(C.GoString) before the free; a runtime/cgo.Handle.`

// Analyzer reports the cgo.GoUsesFreed findings of the lifetime analysis.
var Analyzer = &analysis.Analyzer{
	Name:     checkers.GoUsesFreed.Analyzer,
	Doc:      checkers.GoUsesFreed.Doc(details),
	URL:      checkers.GoUsesFreed.URL(),
	Requires: []*analysis.Analyzer{lifetime.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[lifetime.Analyzer].(*lifetime.Result)
	for _, f := range res.Findings {
		if f.Checker == lifetime.GoUsesFreed {
			pass.Report(f.Diagnostic())
		}
	}
	return nil, nil
}
