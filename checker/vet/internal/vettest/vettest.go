// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// Package vettest sets up the C facts for the analysistest tests of the
// checkers: the summaries file and the models folder of a testdata folder,
// and nothing shipped.
package vettest

import (
	"os"
	"path/filepath"
	"testing"

	"cgolifetime/vet/cfacts"
)

// Setup points the C facts at testdata/summaries.json and testdata/models
// (each when present) and returns the testdata folder.
func Setup(t *testing.T) string {
	t.Helper()
	// analysistest loads testdata in GOPATH mode, where -mod is refused.
	t.Setenv("GOFLAGS", "")
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	c := &cfacts.Config{NoShippedModels: true, CallbackUserdata: true, DestructorName: true}
	if _, err := os.Stat(filepath.Join(dir, "summaries.json")); err == nil {
		c.Summaries = []string{filepath.Join(dir, "summaries.json")}
	}
	if _, err := os.Stat(filepath.Join(dir, "models")); err == nil {
		c.Models = []string{filepath.Join(dir, "models")}
	}
	old := *cfacts.Default
	*cfacts.Default = *c
	t.Cleanup(func() { *cfacts.Default = old })
	return dir
}
