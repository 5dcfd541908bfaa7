// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// Package missingkeepalive defines the analyzer of the checker cgo.MissingKeepAlive.
//
// Its name, the first line of its documentation and its page come from
// Checkers.def (package cgolifetime/vet/checkers); see
// docs/checkers/MissingKeepAlive.md.
package missingkeepalive

import (
	"golang.org/x/tools/go/analysis"

	"cgolifetime/vet/checkers"
	"cgolifetime/vet/lifetime"
)

// details follows the checker's Help line in the analyzer's Doc.
const details = `
A Go value has a finalizer or cleanup (runtime.SetFinalizer,
runtime.AddCleanup) that frees C memory held in one of its fields; code takes
the C pointer out of that value and passes it to a C call; no
runtime.KeepAlive of that same value (not a copy) follows the call, and the
value is otherwise unreachable during the call: not used after it on any
path, nor, for a parameter of an unexported function, by every caller after
calling it. The garbage collector may then run the finalizer while C still
uses the memory. An argument that the C function's facts call opaque (never
read through) is left alone. The places of one type and finalizer are one
finding, the others as notes; the suggested fix inserts runtime.KeepAlive
after each.`

// Analyzer reports the cgo.MissingKeepAlive findings of the lifetime analysis.
var Analyzer = &analysis.Analyzer{
	Name:     checkers.MissingKeepAlive.Analyzer,
	Doc:      checkers.MissingKeepAlive.Doc(details),
	URL:      checkers.MissingKeepAlive.URL(),
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
