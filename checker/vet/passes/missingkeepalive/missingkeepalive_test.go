// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package missingkeepalive_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"cgolifetime/vet/internal/vettest"
	"cgolifetime/vet/passes/missingkeepalive"
)

func Test(t *testing.T) {
	dir := vettest.Setup(t)
	analysistest.Run(t, dir, missingkeepalive.Analyzer, "a")
}
