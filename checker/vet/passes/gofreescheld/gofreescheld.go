// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// Package gofreescheld defines the analyzer of the checker cgo.GoFreesCHeld.
//
// Its name, the first line of its documentation and its page come from
// Checkers.def (package cgolifetime/vet/checkers); see
// docs/checkers/GoFreesCHeld.md.
package gofreescheld

import (
	"golang.org/x/tools/go/analysis"

	"cgolifetime/vet/checkers"
	"cgolifetime/vet/lifetime"
)

// details follows the checker's Help line in the analyzer's Doc.
const details = `
Go frees memory (with C.free, defer C.free or a modelled destroy function)
that a C function it was given to keeps beyond the call, or memory that C
owns and lent to Go (a borrowed or static result).`

// Analyzer reports the cgo.GoFreesCHeld findings of the lifetime analysis.
var Analyzer = &analysis.Analyzer{
	Name:     checkers.GoFreesCHeld.Analyzer,
	Doc:      checkers.GoFreesCHeld.Doc(details),
	URL:      checkers.GoFreesCHeld.URL(),
	Requires: []*analysis.Analyzer{lifetime.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[lifetime.Analyzer].(*lifetime.Result)
	for _, f := range res.Findings {
		if f.Checker == lifetime.GoFreesCHeld {
			pass.Report(f.Diagnostic())
		}
	}
	return nil, nil
}
