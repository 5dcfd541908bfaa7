// Package gopointerincmemory defines the checker cgo.GoPointerInCMemory: it reports Go code
// that Go pointers stored into C memory.
//
// # Analyzer gopointerincmemory
//
// gopointerincmemory: report Go pointers stored into C memory
//
// Go stores a Go pointer into C memory, such as a field of a C struct that
// came from C.malloc, C.calloc or a C allocator. At run time
// GOEXPERIMENT=cgocheck2 panics on this; this checker finds it before the
// program runs.
//
// See docs/checkers/GoPointerInCMemory.md.
package gopointerincmemory

import (
	"golang.org/x/tools/go/analysis"

	"cgolifetime/vet/lifetime"
)

// Doc is the checker's documentation: its first line is the summary.
const Doc = `report Go pointers stored into C memory

Go stores a Go pointer into C memory, such as a field of a C struct that
came from C.malloc, C.calloc or a C allocator. At run time
GOEXPERIMENT=cgocheck2 panics on this; this checker finds it before the
program runs.`

// Analyzer reports the cgo.GoPointerInCMemory findings of the lifetime analysis.
var Analyzer = &analysis.Analyzer{
	Name:     "gopointerincmemory",
	Doc:      Doc,
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
