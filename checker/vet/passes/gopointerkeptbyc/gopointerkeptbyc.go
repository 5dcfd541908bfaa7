// Package gopointerkeptbyc defines the checker cgo.GoPointerKeptByC: it reports Go code
// that Go pointers passed to C functions that keep them.
//
// # Analyzer gopointerkeptbyc
//
// gopointerkeptbyc: report Go pointers passed to C functions that keep them
//
// Go passes a Go pointer (&x, &s[0], an unsafe.Pointer to Go memory, or one
// hidden in a uintptr) to a C function whose summary or model keeps that
// parameter beyond the call. The cgo rules forbid it: the garbage collector may
// move or free the memory. Use a runtime/cgo.Handle or C memory; a cgo.Handle
// value or C memory is never reported.
//
// See docs/checkers/GoPointerKeptByC.md.
package gopointerkeptbyc

import (
	"golang.org/x/tools/go/analysis"

	"cgolifetime/vet/lifetime"
)

// Doc is the checker's documentation: its first line is the summary.
const Doc = `report Go pointers passed to C functions that keep them

Go passes a Go pointer (&x, &s[0], an unsafe.Pointer to Go memory, or one
hidden in a uintptr) to a C function whose summary or model keeps that
parameter beyond the call. The cgo rules forbid it: the garbage collector may
move or free the memory. Use a runtime/cgo.Handle or C memory; a cgo.Handle
value or C memory is never reported.`

// Analyzer reports the cgo.GoPointerKeptByC findings of the lifetime analysis.
var Analyzer = &analysis.Analyzer{
	Name:     "gopointerkeptbyc",
	Doc:      Doc,
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
