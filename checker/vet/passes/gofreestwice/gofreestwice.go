// Package gofreestwice defines the checker cgo.GoFreesTwice: it reports Go code
// that C memory that Go frees twice on one path.
//
// # Analyzer gofreestwice
//
// gofreestwice: report C memory that Go frees twice on one path
//
// Two frees of one C pointer on one path: defer C.free(p) plus an explicit
// C.free(p) on an error path; a modelled destroy function called twice; a Close
// method that frees a field without clearing it while a finalizer frees the
// same field again.
//
// See docs/checkers/GoFreesTwice.md.
package gofreestwice

import (
	"golang.org/x/tools/go/analysis"

	"cgolifetime/vet/lifetime"
)

// Doc is the checker's documentation: its first line is the summary.
const Doc = `report C memory that Go frees twice on one path

Two frees of one C pointer on one path: defer C.free(p) plus an explicit
C.free(p) on an error path; a modelled destroy function called twice; a Close
method that frees a field without clearing it while a finalizer frees the
same field again.`

// Analyzer reports the cgo.GoFreesTwice findings of the lifetime analysis.
var Analyzer = &analysis.Analyzer{
	Name:     "gofreestwice",
	Doc:      Doc,
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
