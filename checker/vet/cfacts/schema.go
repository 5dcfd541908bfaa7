// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

// Package cfacts reads what the C side knows about C functions: the summaries
// that the analyzer computes for a package's own C code, the models of C
// libraries (docs/summaries.md, schema version 1), and the boundary manifest
// of cgo-boundary (docs/manifest.md). The Go-side checkers ask it one
// question: what does the C function NAME do to the pointers it is given?
package cfacts

import (
	"path/filepath"
	"strconv"
	"strings"
)

// SchemaVersion is the version of docs/summaries.md that this package reads.
const SchemaVersion = 1

// Effect kinds (docs/summaries.md, "Effects").
const (
	Frees    = "frees"
	Moves    = "moves"
	Returns  = "returns"
	Keeps    = "keeps"
	ToGo     = "to_go"
	Releases = "releases"
)

// Ownership of a returned pointer.
const (
	Fresh    = "fresh"
	Borrowed = "borrowed"
	Static   = "static"
	Argument = "argument"
)

// Source kinds: where a fact comes from.
const (
	SourceComputed = "computed" // the analyzer, from the package's C code
	SourceModel    = "model"    // a models file
	SourceShape    = "shape"    // a shape rule of the name or signature
	SourceManifest = "manifest" // the boundary manifest (allocators, deallocators, takes_ownership)
	SourceBuiltin  = "builtin"  // what cgo itself defines (C.CString, C.free, C.malloc)
)

// Call names a call that ends a fact: a call of Name (or, when Name ends in
// '*', of any function whose name starts with the part before it) whose
// Arg-th argument (1-based) is the same value as SameAs (an access path at
// the described call: "$1", "$ret", "*$2") or, without SameAs, as the
// argument the fact's path is rooted at; Arg 0 means any call of Name.
type Call struct {
	Name   string `json:"name"`
	Arg    int    `json:"arg"`
	SameAs string `json:"same_as,omitempty"`
}

// Matches reports whether a call of the C function callee is a call of c.
func (c Call) Matches(callee string) bool {
	if stem, ok := strings.CutSuffix(c.Name, "*"); ok {
		return strings.HasPrefix(callee, stem)
	}
	return callee == c.Name
}

// Source says where a fact comes from, so that a report can cite it.
type Source struct {
	Kind string `json:"kind"`
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Cite string `json:"cite,omitempty"`
	Rule string `json:"rule,omitempty"`
}

// String renders a source for a report, in the words the C side uses too
// (FactSource::describe): "summary computed from rec.c:19", "model
// libc.json:12, https://..." (the models file's name), "shape rule
// destructor-name".
func (s Source) String() string {
	loc := s.File
	if s.Line > 0 {
		loc += ":" + strconv.Itoa(s.Line)
	}
	switch s.Kind {
	case SourceShape:
		return "shape rule " + s.Rule
	case SourceBuiltin:
		return s.Cite
	case SourceComputed:
		return "summary computed from " + loc
	case SourceModel:
		loc = filepath.Base(s.File) + ":" + strconv.Itoa(s.Line)
		if s.Cite != "" {
			return "model " + loc + ", " + s.Cite
		}
		return "model " + loc
	case SourceManifest:
		return s.Cite + " in " + loc
	}
	if s.Cite != "" && loc != "" {
		return loc + ", " + s.Cite
	}
	return loc + s.Cite
}

// Effect is one thing a C function does to a pointer.
type Effect struct {
	Effect        string `json:"effect"`
	Path          string `json:"path,omitempty"`
	Out           string `json:"out,omitempty"` // returns borrowed/argument: where the pointer comes out
	When          string `json:"when,omitempty"`
	Ownership     string `json:"ownership,omitempty"`
	InvalidatedBy []Call `json:"invalidated_by,omitempty"`
	ReleaseWith   string `json:"release_with,omitempty"`
	Where         string `json:"where,omitempty"`
	Until         []Call `json:"until,omitempty"`
	Export        string `json:"export,omitempty"`
	Param         int    `json:"param,omitempty"`
	Retained      bool   `json:"retained,omitempty"`
	// RootType: the C type of the path's root ("struct session *"), in
	// computed summaries.
	RootType string `json:"root_type,omitempty"`
	// Condition: the effect happens on the function's paths where it
	// holds and on none where it does not; nil: unconditional.
	Condition *Condition `json:"condition,omitempty"`
	Source    Source     `json:"source"`
}

// Condition values (docs/summaries.md, "Conditions"). Null and Nonnull are
// written for pointers and mean Zero and Nonzero.
const (
	Zero        = "zero"
	Nonzero     = "nonzero"
	Null        = "null"
	Nonnull     = "nonnull"
	Negative    = "negative"
	Nonnegative = "nonnegative"
	Positive    = "positive"
)

// Condition says on which of a function's paths an effect happens: those
// where On ("$ret", or "*$N": what the N-th argument points to after the
// call) Is zero, nonzero, null, nonnull, negative, nonnegative or positive.
type Condition struct {
	On string `json:"on"`
	Is string `json:"is"`
}

// Signs returns the signs a value may have where the condition holds, as a
// set: 1 negative, 2 zero, 4 positive (null and nonnull read as zero and
// nonzero).
func (c Condition) Signs() uint8 {
	switch c.Is {
	case Zero, Null:
		return 2
	case Nonzero, Nonnull:
		return 1 | 4
	case Negative:
		return 1
	case Nonnegative:
		return 2 | 4
	case Positive:
		return 4
	}
	return 7
}

// String renders a condition for a report: "when $ret is zero".
func (c Condition) String() string { return "when " + c.On + " is " + c.Is }

// Function is the summary (or model) of one C function.
type Function struct {
	Name     string   `json:"name"`
	Location string   `json:"location,omitempty"`
	GoCalled bool     `json:"go_called,omitempty"` // computed: Go calls it
	Cite     string   `json:"cite,omitempty"`      // a models entry's own citation
	Effects  []Effect `json:"effects"`
	// Opaque lists the arguments it never reads through (opaque.go)
	Opaque []Opaque `json:"opaque,omitempty"`
}

// Input is one file a summaries file was computed from, with its SHA-256.
// A summaries file that lists inputs is used only while every input still has
// that hash: a finding must never rest on C code that has since changed.
type Input struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

// File is one summaries or models file.
type File struct {
	Path          string // where it was read from
	Version       int
	Kind          string // "summaries" or "models"
	Generator     string
	Library       string
	Documentation string
	Inputs        []Input
	Functions     []Function
}
