// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package missingkeepalive_test

import (
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"cgolifetime/vet/internal/vettest"
	"cgolifetime/vet/lifetime"
	"cgolifetime/vet/passes/missingkeepalive"
)

func Test(t *testing.T) {
	dir := vettest.Setup(t)
	analysistest.Run(t, dir, missingkeepalive.Analyzer, "a")
}

// TestGrouped checks the places a grouped finding lists: one finding per
// type and finalizer, the other places as notes, and a fix for each place.
func TestGrouped(t *testing.T) {
	dir := vettest.Setup(t)
	results := analysistest.Run(t, dir, missingkeepalive.Analyzer, "a")
	if len(results) != 1 {
		t.Fatalf("%d results", len(results))
	}
	pass := results[0].Pass
	line := func(pos token.Pos) string {
		p := pass.Fset.Position(pos)
		return filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line)
	}
	want := map[string][]string{
		// File: Read, then ReadCopy and ReadEither
		"Read":  {"the finalizer set here", "also here: f may be collected while C.read_int runs", "also here: f may be collected while C.read_int runs"},
		"Len":   {"the finalizer set here", "also here: b may be collected while C.read_int runs", "also here: b may be collected while C.read_int runs"},
		"Label": {"the finalizer set here"},
	}
	res := pass.ResultOf[lifetime.Analyzer].(*lifetime.Result)
	seen := 0
	for _, f := range res.Findings {
		if f.Checker != lifetime.MissingKeepAlive {
			continue
		}
		name := ""
		switch {
		case strings.HasPrefix(f.Message, "f may be collected while C.read_int"):
			name = "Read"
		case strings.HasPrefix(f.Message, "b may be collected"):
			name = "Len"
		case strings.HasPrefix(f.Message, "l may be collected"):
			name = "Label"
		default:
			continue
		}
		seen++
		notes := want[name]
		if len(f.Related) != len(notes) {
			t.Errorf("%s: %d notes, want %d: %v", name, len(f.Related), len(notes), f.Related)
			continue
		}
		for i, r := range f.Related {
			if !strings.HasPrefix(r.Message, notes[i]) {
				t.Errorf("%s: note %d at %s: %q, want %q...", name, i, line(r.Pos), r.Message, notes[i])
			}
		}
		// one fix per place, at the finding and at each "also here"
		var fixes, places []string
		for _, fx := range f.Fixes {
			fixes = append(fixes, line(fx.Pos))
		}
		places = append(places, line(f.Pos))
		for _, r := range f.Related[1:] {
			places = append(places, line(r.Pos))
		}
		if strings.Join(fixes, " ") != strings.Join(places, " ") {
			t.Errorf("%s: fixes at %v, want at %v", name, fixes, places)
		}
	}
	if seen != len(want) {
		t.Errorf("%d of the findings checked, want %d", seen, len(want))
	}
}
