// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// Package gopointerkeptbyc defines the analyzer of the checker cgo.GoPointerKeptByC.
//
// Its name, the first line of its documentation and its page come from
// Checkers.def (package cgolifetime/vet/checkers); see
// docs/checkers/GoPointerKeptByC.md.
package gopointerkeptbyc

import (
	"golang.org/x/tools/go/analysis"

	"cgolifetime/vet/checkers"
	"cgolifetime/vet/lifetime"
)

// details follows the checker's Help line in the analyzer's Doc.
const details = `
Go passes a Go pointer (&x, &s[0], an unsafe.Pointer to Go memory, or one
hidden in a uintptr) to a C function whose summary or model keeps that
parameter beyond the call. The cgo rules forbid it: the garbage collector may
move or free the memory. Use a runtime/cgo.Handle or C memory; a cgo.Handle
value or C memory is never reported.`

// Analyzer reports the cgo.GoPointerKeptByC findings of the lifetime analysis.
var Analyzer = &analysis.Analyzer{
	Name:     checkers.GoPointerKeptByC.Analyzer,
	Doc:      checkers.GoPointerKeptByC.Doc(details),
	URL:      checkers.GoPointerKeptByC.URL(),
	Requires: []*analysis.Analyzer{lifetime.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[lifetime.Analyzer].(*lifetime.Result)
	for _, f := range res.Findings {
		if f.Checker == lifetime.GoPointerKeptByC {
			pass.Report(f.Diagnostic())
		}
	}
	return nil, nil
}
