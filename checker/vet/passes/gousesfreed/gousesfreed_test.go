// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package gousesfreed_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"cgolifetime/vet/internal/vettest"
	"cgolifetime/vet/passes/gousesfreed"
)

func Test(t *testing.T) {
	dir := vettest.Setup(t)
	analysistest.Run(t, dir, gousesfreed.Analyzer, "a", "b", "elems")
}
