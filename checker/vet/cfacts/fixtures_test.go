// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package cfacts

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFactFixtures reads the shared fixtures of test/facts/Inputs, which the
// plugin's reader reads too (test/facts/readers.test), and compares the Go
// reader's canonical reading with the one expected file of each.
func TestFactFixtures(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "test", "facts", "Inputs")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	errLine := regexp.MustCompile(`(?:.*/)?([^/:\s]+\.json:\d+:\d+):`)
	n := 0
	for _, e := range entries {
		stem, isJSON := strings.CutSuffix(e.Name(), ".json")
		if !isJSON && !e.IsDir() {
			continue
		}
		want, err := os.ReadFile(filepath.Join(dir, stem+".expected"))
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		files, _ := modelFiles(filepath.Join(dir, e.Name()))
		var models, summaries []string
		for _, f := range files {
			data, _ := os.ReadFile(f)
			if regexp.MustCompile(`"kind"\s*:\s*"summaries"`).Match(data) {
				summaries = append(summaries, f)
			} else {
				models = append(models, f)
			}
		}
		var got bytes.Buffer
		if err := DumpFacts(&got, models, summaries); err != nil {
			m := errLine.FindStringSubmatch(err.Error())
			if m == nil {
				t.Errorf("%s: %v", e.Name(), err)
				continue
			}
			got.Reset()
			got.WriteString("error: " + m[1] + "\n")
		}
		if got.String() != string(want) {
			t.Errorf("%s: the Go reader reads\n%s\nwant (%s.expected)\n%s", e.Name(), got.String(), stem, want)
		}
		n++
	}
	if n < 20 {
		t.Errorf("%d fixtures read, want at least 20", n)
	}
}
