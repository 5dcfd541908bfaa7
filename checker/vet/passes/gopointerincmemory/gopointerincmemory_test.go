// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package gopointerincmemory_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"cgolifetime/vet/internal/vettest"
	"cgolifetime/vet/passes/gopointerincmemory"
)

func Test(t *testing.T) {
	dir := vettest.Setup(t)
	analysistest.Run(t, dir, gopointerincmemory.Analyzer, "a")
}
