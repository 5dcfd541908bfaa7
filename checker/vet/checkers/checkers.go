// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// Package checkers is the Go side's view of Checkers.def, the one list of
// cgo-lifetime's checkers (checker/include/cgo-lifetime/Checkers.def): the
// full name of each Go-side checker (cgo.GoUsesFreed, ...), the name of its
// go/analysis analyzer, its documentation page and its texts. The values
// are generated into checkers_def.go by scripts/checker-index.sh from the
// .def's CGO_GO_CHECKER entries; nothing here repeats a name.
//
// A checker's full name is not a Go identifier, and go/analysis requires the
// analyzer's Name to be one: the analyzer is named Checker.Analyzer (the ID in
// lower case, gousesfreed), and its diagnostics carry the full name as their
// Category. ByName and ByAnalyzer map one to the other.
package checkers

//go:generate sh ../../../scripts/checker-index.sh

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Checker is one CGO_GO_CHECKER entry of Checkers.def (fields in the order of
// the macro's arguments, with Analyzer after Page).
type Checker struct {
	ID          string // a Go and C identifier: GoUsesFreed
	Name        string // the full name users see and enable: cgo.GoUsesFreed
	Rule        string // the SARIF rule id
	Page        string // the documentation page, relative to docs/checkers/
	Analyzer    string // the go/analysis analyzer's Name: gousesfreed
	Title       string // a short title
	Help        string // one line: the first line of the analyzer's Doc
	Description string // what is wrong, one paragraph
	Fix         string // how to fix it, one paragraph
}

// ByName returns the Go-side checker with the full name (cgo.GoUsesFreed),
// or nil.
func ByName(name string) *Checker {
	for _, c := range Go {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// ByAnalyzer returns the Go-side checker whose analyzer is named name
// (gousesfreed), or nil.
func ByAnalyzer(name string) *Checker {
	for _, c := range Go {
		if c.Analyzer == name {
			return c
		}
	}
	return nil
}

// Names returns the full names of the Go-side checkers, in the .def's order.
func Names() []string {
	names := make([]string, len(Go))
	for i, c := range Go {
		names[i] = c.Name
	}
	return names
}

// Doc returns an analyzer's Doc: the .def's Help as its first line (go vet
// and gopls show it), then the analyzer's own details.
func (c *Checker) Doc(details string) string {
	return c.Help + "\n\n" + strings.TrimSpace(details)
}

// Where the documentation pages are, set at build time like the C side's
// CGO_DOCS_BASE_URL (go build -ldflags "-X cgolifetime/vet/checkers.DocsBaseURL=..."):
// the configured base URL, the installed pages relative to the executable,
// and the source tree's docs/checkers.
var (
	DocsBaseURL        = "file:///usr/local/share/doc/cgo-lifetime/checkers/"
	DocsInstallRelpath = "../share/doc/cgo-lifetime/checkers"
	SourceDocsDir      = ""
)

var docsBase = sync.OnceValue(func() string {
	return docsBaseURL(DocsBaseURL, DocsInstallRelpath, SourceDocsDir, executableDir())
})

// URL returns the address of the checker's documentation page: under a
// configured web address as it is; else the page installed beside the
// executable (a relocated prefix or a package's /usr), the configured
// file:// folder when it exists, the source tree's docs/checkers.
func (c *Checker) URL() string {
	return docsBase() + c.Page
}

func executableDir() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	return filepath.Dir(exe)
}

// docsBaseURL chooses the base URL (ending in '/') as the driver does for
// SARIF's helpUri.
func docsBaseURL(configured, installRel, sourceDocs, exeDir string) string {
	const scheme = "file://"
	if !strings.HasPrefix(configured, scheme) {
		return configured
	}
	dirURL := func(dir string) string {
		return scheme + filepath.ToSlash(filepath.Clean(dir)) + "/"
	}
	isDir := func(dir string) bool {
		st, err := os.Stat(dir)
		return err == nil && st.IsDir()
	}
	if exeDir != "" {
		if dir := filepath.Join(exeDir, installRel); isDir(dir) {
			return dirURL(dir)
		}
	}
	if isDir(strings.TrimPrefix(configured, scheme)) {
		return configured
	}
	if sourceDocs != "" && isDir(sourceDocs) {
		return dirURL(sourceDocs)
	}
	return configured
}
