// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// Package gopointerincmemory defines the analyzer of the checker cgo.GoPointerInCMemory.
//
// Its name, the first line of its documentation and its page come from
// Checkers.def (package cgolifetime/vet/checkers); see
// docs/checkers/GoPointerInCMemory.md.
package gopointerincmemory

import (
	"golang.org/x/tools/go/analysis"

	"cgolifetime/vet/checkers"
	"cgolifetime/vet/lifetime"
)

// details follows the checker's Help line in the analyzer's Doc.
const details = `
Go stores a Go pointer into C memory, such as a field of a C struct that
came from C.malloc, C.calloc or a C allocator. At run time
GOEXPERIMENT=cgocheck2 panics on this; this checker finds it before the
program runs.`

// Analyzer reports the cgo.GoPointerInCMemory findings of the lifetime analysis.
var Analyzer = &analysis.Analyzer{
	Name:     checkers.GoPointerInCMemory.Analyzer,
	Doc:      checkers.GoPointerInCMemory.Doc(details),
	URL:      checkers.GoPointerInCMemory.URL(),
	Requires: []*analysis.Analyzer{lifetime.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[lifetime.Analyzer].(*lifetime.Result)
	for _, f := range res.Findings {
		if f.Checker == lifetime.GoPointerInCMemory {
			pass.Report(f.Diagnostic())
		}
	}
	return nil, nil
}
