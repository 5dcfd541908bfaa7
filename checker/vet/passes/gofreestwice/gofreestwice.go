// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// Package gofreestwice defines the analyzer of the checker cgo.GoFreesTwice.
//
// Its name, the first line of its documentation and its page come from
// Checkers.def (package cgolifetime/vet/checkers); see
// docs/checkers/GoFreesTwice.md.
package gofreestwice

import (
	"golang.org/x/tools/go/analysis"

	"cgolifetime/vet/checkers"
	"cgolifetime/vet/lifetime"
)

// details follows the checker's Help line in the analyzer's Doc.
const details = `
Two frees of one C pointer on one path: defer C.free(p) plus an explicit
C.free(p) on an error path; a modelled destroy function called twice; a Close
method that frees a field without clearing it while a finalizer frees the
same field again.`

// Analyzer reports the cgo.GoFreesTwice findings of the lifetime analysis.
var Analyzer = &analysis.Analyzer{
	Name:     checkers.GoFreesTwice.Analyzer,
	Doc:      checkers.GoFreesTwice.Doc(details),
	URL:      checkers.GoFreesTwice.URL(),
	Requires: []*analysis.Analyzer{lifetime.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[lifetime.Analyzer].(*lifetime.Result)
	for _, f := range res.Findings {
		if f.Checker == lifetime.GoFreesTwice {
			pass.Report(f.Diagnostic())
		}
	}
	return nil, nil
}
