// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package checkers

import (
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEntries checks the naming rules of the Go entries that the analyzers
// rely on: the analyzer name is a Go identifier, ID in lower case, and both
// maps find the entry.
func TestEntries(t *testing.T) {
	if len(Go) == 0 {
		t.Fatal("no Go-side checkers: checkers_def.go is empty")
	}
	for _, c := range Go {
		if c.Name != "cgo."+c.ID || c.Rule != c.Name || c.Page != c.ID+".md" {
			t.Errorf("%s: name %q, rule %q, page %q break the .def's naming rules", c.ID, c.Name, c.Rule, c.Page)
		}
		if !token.IsIdentifier(c.Analyzer) || c.Analyzer != strings.ToLower(c.ID) {
			t.Errorf("%s: analyzer name %q is not the ID in lower case", c.ID, c.Analyzer)
		}
		if strings.Contains(c.Help, "\n") || c.Help == "" {
			t.Errorf("%s: Help must be one line: %q", c.ID, c.Help)
		}
		if ByName(c.Name) != c || ByAnalyzer(c.Analyzer) != c {
			t.Errorf("%s: ByName/ByAnalyzer do not find it", c.ID)
		}
	}
	if ByName("cgo.FreedToGo") != nil {
		t.Error("a C-side checker is not a Go-side one")
	}
}

func TestDocsBaseURL(t *testing.T) {
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin")
	installed := filepath.Join(tmp, "share", "doc", "cgo-lifetime", "checkers")
	source := filepath.Join(tmp, "src", "docs", "checkers")
	for _, d := range []string{bin, source} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	rel := "../share/doc/cgo-lifetime/checkers"
	if got := docsBaseURL("https://example.org/c/", rel, source, bin); got != "https://example.org/c/" {
		t.Errorf("a web address is used as it is, got %q", got)
	}
	if got := docsBaseURL("file:///nowhere/", rel, source, bin); got != "file://"+source+"/" {
		t.Errorf("nothing installed: the source tree's pages, got %q", got)
	}
	if err := os.MkdirAll(installed, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := docsBaseURL("file:///nowhere/", rel, source, bin); got != "file://"+installed+"/" {
		t.Errorf("installed beside the executable, got %q", got)
	}
	if got := docsBaseURL("file:///nowhere/", rel, "", ""); got != "file:///nowhere/" {
		t.Errorf("nothing found: the configured address, got %q", got)
	}
}
