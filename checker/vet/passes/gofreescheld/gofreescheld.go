// Package gofreescheld defines the checker cgo.GoFreesCHeld: it reports Go code
// that Go freeing C memory that C keeps or owns.
//
// # Analyzer gofreescheld
//
// gofreescheld: report Go freeing C memory that C keeps or owns
//
// Go frees memory (with C.free, defer C.free or a modelled destroy function)
// that a C function it was given to keeps beyond the call, or memory that C
// owns and lent to Go (a borrowed or static result).
//
// See docs/checkers/GoFreesCHeld.md.
package gofreescheld

import (
	"golang.org/x/tools/go/analysis"

	"cgolifetime/vet/lifetime"
)

// Doc is the checker's documentation: its first line is the summary.
const Doc = `report Go freeing C memory that C keeps or owns

Go frees memory (with C.free, defer C.free or a modelled destroy function)
that a C function it was given to keeps beyond the call, or memory that C
owns and lent to Go (a borrowed or static result).`

// Analyzer reports the cgo.GoFreesCHeld findings of the lifetime analysis.
var Analyzer = &analysis.Analyzer{
	Name:     "gofreescheld",
	Doc:      Doc,
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
