// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package main

import (
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strings"
)

type tokenFileSet interface {
	Position(token.Pos) token.Position
}

// jsonVersion is the version of the -json output (docs/go-side.md).
const jsonVersion = 1

type jsonReport struct {
	Version     int          `json:"version"`
	Tool        string       `json:"tool"`
	Diagnostics []diagnostic `json:"diagnostics"`
	Keeps       []keep       `json:"keeps"`
}

// writeJSON prints the findings and the kept arguments as one JSON object;
// file names are absolute.
func writeJSON(w io.Writer, ds []diagnostic, keeps []keep) error {
	if ds == nil {
		ds = []diagnostic{}
	}
	if keeps == nil {
		keeps = []keep{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jsonReport{Version: jsonVersion, Tool: "cgo-lifetime-vet", Diagnostics: ds, Keeps: keeps})
}

// writeText prints clang-style diagnostics, file names relative to the
// current directory when they are under it.
func writeText(w io.Writer, ds []diagnostic) {
	cwd, _ := os.Getwd()
	for _, d := range ds {
		fmt.Fprintf(w, "%s:%d:%d: warning: %s [%s]\n", rel(cwd, d.File), d.Line, d.Column, d.Message, d.Checker)
		for _, n := range d.Notes {
			fmt.Fprintf(w, "%s:%d:%d: note: %s\n", rel(cwd, n.File), n.Line, n.Column, n.Message)
		}
	}
	if len(ds) == 1 {
		fmt.Fprintln(w, "1 warning generated.")
	} else if len(ds) > 1 {
		fmt.Fprintf(w, "%d warnings generated.\n", len(ds))
	}
}

func rel(cwd, file string) string {
	if cwd == "" || !filepath.IsAbs(file) {
		return file
	}
	r, err := filepath.Rel(cwd, file)
	if err != nil || strings.HasPrefix(r, "..") {
		return file
	}
	return r
}
