// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package cfacts

import (
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Rank orders the sources of facts about one function name
// (docs/summaries.md, "Precedence"): the highest rank that speaks wins.
type Rank int

const (
	RankShape    Rank = iota // a shape rule: only where nothing else speaks
	RankBuiltin              // what cgo itself defines
	RankShipped              // a shipped model
	RankUser                 // a user's model, or the manifest
	RankComputed             // a summary computed from the package's C code
)

// DB answers what a C function does to its pointers.
type DB struct {
	funcs map[string]ranked
	// Shape rules (docs/summaries.md, "Shape rules"), each on its own switch.
	CallbackUserdata bool // a function taking a function pointer and a void * keeps the void *
	DestructorName   bool // *_free, *_destroy, *_unref, *_release, *_close free their first pointer parameter
	// Files lists the files the facts were read from, for -v and the docs.
	Files []string
}

type ranked struct {
	rank Rank
	fn   *Function
}

// NewDB returns a DB that knows cgo's own functions (C.free, C.malloc,
// C.CString, ...) and nothing else.
func NewDB() *DB {
	db := &DB{funcs: map[string]ranked{}, CallbackUserdata: true, DestructorName: true}
	for i := range builtins {
		db.Add(RankBuiltin, &builtins[i])
	}
	return db
}

// Add records fn at rank r: it replaces what a lower rank said about the same
// name and is ignored under a higher rank. Two files of one rank merge: each
// effect once, of two that differ only by their source the first added
// (docs/summaries.md, "Precedence"; the plugin's SummaryTable does the same).
func (db *DB) Add(r Rank, fn *Function) {
	old, ok := db.funcs[fn.Name]
	switch {
	case !ok || old.rank < r:
		db.funcs[fn.Name] = ranked{r, fn}
	case old.rank == r:
		merged := *old.fn
		merged.GoCalled = merged.GoCalled || fn.GoCalled
		merged.Effects = append([]Effect(nil), old.fn.Effects...)
		for _, e := range fn.Effects {
			if !hasEffect(merged.Effects, e) {
				merged.Effects = append(merged.Effects, e)
			}
		}
		merged.Opaque = append(append([]Opaque(nil), old.fn.Opaque...), fn.Opaque...)
		db.funcs[fn.Name] = ranked{r, &merged}
	}
}

// hasEffect reports whether effects already say what e says (wherever it
// came from): the summaries a named file and the computation give for one
// function must not count one free twice.
func hasEffect(effects []Effect, e Effect) bool {
	e.Source = Source{}
	for _, x := range effects {
		x.Source = Source{}
		if reflect.DeepEqual(x, e) {
			return true
		}
	}
	return false
}

// AddFile adds every function of a summaries or models file.
func (db *DB) AddFile(r Rank, f *File) {
	for i := range f.Functions {
		db.Add(r, &f.Functions[i])
	}
	db.Files = append(db.Files, f.Path)
}

// Lookup returns what is known about the C function name, or nil.
func (db *DB) Lookup(name string) *Function {
	if r, ok := db.funcs[name]; ok {
		return r.fn
	}
	return nil
}

// Signature is what the Go side sees of a C function's parameters: for each,
// whether it is a function pointer and whether it is a void *.
type Signature struct {
	FuncPtr []bool
	VoidPtr []bool
	Pointer []bool
}

// LookupShape applies the shape rules to a function nothing else describes.
func (db *DB) LookupShape(name string, sig Signature) *Function {
	if fn := db.Lookup(name); fn != nil {
		return fn
	}
	var effects []Effect
	if db.CallbackUserdata {
		hasFn := false
		for _, f := range sig.FuncPtr {
			hasFn = hasFn || f
		}
		if hasFn {
			for i, v := range sig.VoidPtr {
				if v {
					effects = append(effects, Effect{Effect: Keeps, Path: "$" + strconv.Itoa(i+1), Where: "library",
						Source: Source{Kind: SourceShape, Rule: "callback-userdata"}})
				}
			}
		}
	}
	if db.DestructorName && isDestructorName(name) {
		for i, p := range sig.Pointer {
			if p {
				effects = append(effects, Effect{Effect: Frees, Path: "$" + strconv.Itoa(i+1), When: "always",
					Source: Source{Kind: SourceShape, Rule: "destructor-name"}})
				break
			}
		}
	}
	if effects == nil {
		return nil
	}
	return &Function{Name: name, Effects: effects}
}

var destructorSuffixes = []string{"_free", "_destroy", "_unref", "_release", "_close"}

func isDestructorName(name string) bool {
	for _, s := range destructorSuffixes {
		if strings.HasSuffix(name, s) && len(name) > len(s) {
			return true
		}
	}
	return false
}

// Names returns the known function names, sorted (for tests and -v).
func (db *DB) Names() []string {
	names := make([]string, 0, len(db.funcs))
	for n := range db.funcs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// builtins are the functions cgo itself provides or always links: the Go
// side needs no model for C.free, C.malloc or C.CString. A libc model
// overrides them (it ranks higher).
var builtins = []Function{
	{Name: "free", Effects: []Effect{{Effect: Frees, Path: "$1", When: "always",
		Source: Source{Kind: SourceBuiltin, Cite: "C.free is the C library's free (C11 7.22.3.3)"}}}},
	{Name: "_CMalloc", Effects: []Effect{{Effect: Returns, Ownership: Fresh, ReleaseWith: "free",
		Source: Source{Kind: SourceBuiltin, Cite: "C.malloc (cmd/cgo: never returns nil)"}}}},
	{Name: "malloc", Effects: []Effect{{Effect: Returns, Ownership: Fresh, ReleaseWith: "free",
		Source: Source{Kind: SourceBuiltin, Cite: "C11 7.22.3.4"}}}},
	{Name: "calloc", Effects: []Effect{{Effect: Returns, Ownership: Fresh, ReleaseWith: "free",
		Source: Source{Kind: SourceBuiltin, Cite: "C11 7.22.3.2"}}}},
	{Name: "realloc", Effects: []Effect{
		{Effect: Moves, Path: "$1", When: "always", Source: Source{Kind: SourceBuiltin, Cite: "C11 7.22.3.5"}},
		{Effect: Returns, Ownership: Fresh, ReleaseWith: "free", Source: Source{Kind: SourceBuiltin, Cite: "C11 7.22.3.5"}}}},
	{Name: "CString", Effects: []Effect{{Effect: Returns, Ownership: Fresh, ReleaseWith: "free",
		Source: Source{Kind: SourceBuiltin, Cite: "C.CString allocates with malloc; the caller frees it"}}}},
	{Name: "CBytes", Effects: []Effect{{Effect: Returns, Ownership: Fresh, ReleaseWith: "free",
		Source: Source{Kind: SourceBuiltin, Cite: "C.CBytes allocates with malloc; the caller frees it"}}}},
	{Name: "strdup", Effects: []Effect{{Effect: Returns, Ownership: Fresh, ReleaseWith: "free",
		Source: Source{Kind: SourceBuiltin, Cite: "POSIX strdup"}}}},
}
