// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package main

import (
	"sort"
	"strconv"

	"cgolifetime/vet/lifetime"
)

// keep is one member of the -json output's "keeps": what the Go calls of a
// C function pass as an argument the function keeps (docs/go-side.md, "JSON
// output"), for the driver to weigh the C side's cgo.KeepsGoArgument.
type keep struct {
	Dir      string       `json:"dir"`
	Function string       `json:"function"`
	Argument int          `json:"argument"`
	Complete bool         `json:"complete"`
	Callers  []keepCaller `json:"callers"`
}

type keepCaller struct {
	File     string       `json:"file"`
	Line     int          `json:"line"`
	Column   int          `json:"column"`
	Passes   []string     `json:"passes"`
	Findings []findingRef `json:"findings"`
}

// findingRef names a diagnostic of the same report by checker and place.
type findingRef struct {
	Checker string `json:"checker"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
}

// keepsOf merges the kept arguments of the analysed packages (a package and
// its test variant list the same calls): one entry per package directory,
// function and argument (two packages may each have a static C function of
// that name), complete only when every variant was.
func keepsOf(fset tokenFileSet, results []*lifetime.Result) []keep {
	type key struct {
		dir string
		fn  string
		arg int
	}
	byKey := map[key]*keep{}
	seen := map[key]map[string]bool{}
	var keys []key
	for _, r := range results {
		for _, ka := range r.Keeps {
			k := key{ka.Dir, ka.Func, ka.Arg}
			e := byKey[k]
			if e == nil {
				e = &keep{Dir: ka.Dir, Function: ka.Func, Argument: ka.Arg, Complete: true}
				byKey[k] = e
				seen[k] = map[string]bool{}
				keys = append(keys, k)
			}
			e.Complete = e.Complete && ka.Complete
			for _, c := range ka.Callers {
				kc := toKeepCaller(fset, c)
				id := kc.File + ":" + strconv.Itoa(kc.Line) + ":" + strconv.Itoa(kc.Column)
				if !seen[k][id] {
					seen[k][id] = true
					e.Callers = append(e.Callers, kc)
				}
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].dir != keys[j].dir {
			return keys[i].dir < keys[j].dir
		}
		if keys[i].fn != keys[j].fn {
			return keys[i].fn < keys[j].fn
		}
		return keys[i].arg < keys[j].arg
	})
	out := make([]keep, 0, len(keys))
	for _, k := range keys {
		e := byKey[k]
		sort.SliceStable(e.Callers, func(i, j int) bool {
			a, b := e.Callers[i], e.Callers[j]
			if a.File != b.File {
				return a.File < b.File
			}
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Column < b.Column
		})
		out = append(out, *e)
	}
	return out
}

func toKeepCaller(fset tokenFileSet, c lifetime.KeptCaller) keepCaller {
	p := fset.Position(c.Pos)
	kc := keepCaller{File: p.Filename, Line: p.Line, Column: p.Column, Passes: c.Passes, Findings: []findingRef{}}
	for _, f := range c.Findings {
		q := fset.Position(f.Pos)
		kc.Findings = append(kc.Findings, findingRef{Checker: f.Checker, File: q.Filename, Line: q.Line, Column: q.Column})
	}
	return kc
}
