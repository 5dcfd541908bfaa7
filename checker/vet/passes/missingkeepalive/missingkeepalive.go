// Package missingkeepalive defines the checker cgo.MissingKeepAlive: it reports Go code
// that C calls on values whose finalizer may free the memory during the call.
//
// # Analyzer missingkeepalive
//
// missingkeepalive: report C calls on values whose finalizer may free the memory during the call
//
// A Go value has a finalizer or cleanup (runtime.SetFinalizer,
// runtime.AddCleanup) that frees C memory held in one of its fields; code takes
// the C pointer out of that value and passes it to a C call; no
// runtime.KeepAlive of that same value (not a copy) follows the call, and the
// value is otherwise unreachable during the call. The garbage collector may
// then run the finalizer while C still uses the memory. The suggested fix
// inserts runtime.KeepAlive after the call.
//
// See docs/checkers/MissingKeepAlive.md.
package missingkeepalive

import (
	"golang.org/x/tools/go/analysis"

	"cgolifetime/vet/lifetime"
)

// Doc is the checker's documentation: its first line is the summary.
const Doc = `report C calls on values whose finalizer may free the memory during the call

A Go value has a finalizer or cleanup (runtime.SetFinalizer,
runtime.AddCleanup) that frees C memory held in one of its fields; code takes
the C pointer out of that value and passes it to a C call; no
runtime.KeepAlive of that same value (not a copy) follows the call, and the
value is otherwise unreachable during the call. The garbage collector may
then run the finalizer while C still uses the memory. The suggested fix
inserts runtime.KeepAlive after the call.`

// Analyzer reports the cgo.MissingKeepAlive findings of the lifetime analysis.
var Analyzer = &analysis.Analyzer{
	Name:     "missingkeepalive",
	Doc:      Doc,
	Requires: []*analysis.Analyzer{lifetime.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[lifetime.Analyzer].(*lifetime.Result)
	for _, f := range res.Findings {
		if f.Checker == lifetime.MissingKeepAlive {
			pass.Report(f.Diagnostic())
		}
	}
	return nil, nil
}
