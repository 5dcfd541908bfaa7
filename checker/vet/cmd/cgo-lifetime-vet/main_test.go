// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package main

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"cgolifetime/vet/checkers"
)

func TestGoAtLeast(t *testing.T) {
	for _, c := range []struct {
		have string
		ok   bool
	}{{"go1.19.8", true}, {"go1.26.8", true}, {"go1.18", false}, {"go1.20rc1", true}, {"go1.9", false}, {"devel +abc", true}} {
		if got := goAtLeast(c.have, minGo); got != c.ok {
			t.Errorf("goAtLeast(%q) = %v", c.have, got)
		}
	}
}

func TestVetProtocol(t *testing.T) {
	for _, c := range []struct {
		args []string
		vet  bool
	}{{[]string{"-V=full"}, true}, {[]string{"-flags"}, true}, {[]string{"-json", "/tmp/x/vet.cfg"}, true},
		{[]string{"./..."}, false}, {[]string{"-json", "."}, false}} {
		if got := isVetProtocol(c.args); got != c.vet {
			t.Errorf("isVetProtocol(%q) = %v", c.args, got)
		}
	}
}

func TestCheckerSet(t *testing.T) {
	if _, err := checkerSet("cgo.GoUsesFreed,cgo.Nope"); err == nil {
		t.Error("an unknown checker must be an error")
	}
	s, err := checkerSet("cgo.MissingKeepAlive")
	if err != nil || !s["cgo.MissingKeepAlive"] || s["cgo.GoUsesFreed"] {
		t.Errorf("checkerSet = %v, %v", s, err)
	}
}

// TestAnalyzersMatchDef: the command runs one analyzer per CGO_GO_CHECKER
// entry of Checkers.def and no other; each analyzer is named as the .def's
// entry says, its Doc starts with the entry's Help line, and its URL names
// the entry's page.
func TestAnalyzersMatchDef(t *testing.T) {
	if err := analysis.Validate(analyzers); err != nil {
		t.Fatal(err)
	}
	seen := map[*checkers.Checker]bool{}
	for _, a := range analyzers {
		c := checkers.ByAnalyzer(a.Name)
		if c == nil {
			t.Errorf("analyzer %s has no CGO_GO_CHECKER entry in Checkers.def", a.Name)
			continue
		}
		if seen[c] {
			t.Errorf("two analyzers for %s", c.Name)
		}
		seen[c] = true
		if first, _, _ := strings.Cut(a.Doc, "\n"); first != c.Help {
			t.Errorf("analyzer %s: Doc's first line %q, Checkers.def's HELP %q", a.Name, first, c.Help)
		}
		if !strings.HasSuffix(a.URL, "/"+c.Page) {
			t.Errorf("analyzer %s: URL %q does not name the page %s", a.Name, a.URL, c.Page)
		}
	}
	for _, c := range checkers.Go {
		if !seen[c] {
			t.Errorf("Checkers.def lists %s, but no analyzer named %s runs", c.Name, c.Analyzer)
		}
	}
}
