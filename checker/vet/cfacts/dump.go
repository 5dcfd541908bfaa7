// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package cfacts

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// DumpFacts writes the canonical reading of the given models files (rank
// user) and summaries files (rank computed), each a file or a folder of
// *.json: one line per function and per effect, in the form the plugin's
// debug.cgo.DumpFacts writes too (checker/analyzer/FactsDump.cpp), so that
// test/facts can hold the two readers to one expected reading:
//
//	NAME function [location=L] [go_called] [cite="C"]
//	NAME EFFECT [path=P] [out=P] [own=O] [when=W] [cond=ON:IS]
//	     [release_with=F] [where=P] [export=E] [param=N retained=B]
//	     [invalidated_by=C,...] [until=C,...] [root_type="T"] source="S"
//
// A call entry is NAME(ARG) or NAME(ARG=SAME_AS); paths are written back
// from their parse.
func DumpFacts(w io.Writer, models, summaries []string) error {
	db := &DB{funcs: map[string]ranked{}}
	for _, list := range []struct {
		rank  Rank
		paths []string
	}{{RankUser, models}, {RankComputed, summaries}} {
		for _, p := range list.paths {
			files, err := modelFiles(p)
			if err != nil {
				return err
			}
			for _, name := range files {
				f, err := ReadFile(name)
				if err != nil {
					return err
				}
				db.AddFile(list.rank, f)
			}
		}
	}
	for _, name := range db.Names() {
		dumpFunction(w, db.Lookup(name))
	}
	return nil
}

func dumpFunction(w io.Writer, fn *Function) {
	head := fn.Name + " function"
	if fn.Location != "" {
		head += " location=" + fn.Location
	}
	if fn.GoCalled {
		head += " go_called"
	}
	if fn.Cite != "" {
		head += ` cite="` + fn.Cite + `"`
	}
	fmt.Fprintln(w, head)
	for _, e := range fn.Effects {
		fmt.Fprintln(w, fn.Name+" "+e.Effect+canonicalMembers(e))
	}
}

func canonicalPath(s string) string {
	p, ok := ParsePath(s)
	if !ok {
		return "?" + s
	}
	return p.String()
}

func canonicalCalls(key string, calls []Call) string {
	if len(calls) == 0 {
		return ""
	}
	var parts []string
	for _, c := range calls {
		s := c.Name + "(" + strconv.Itoa(c.Arg)
		if c.SameAs != "" {
			s += "=" + canonicalPath(c.SameAs)
		}
		parts = append(parts, s+")")
	}
	return " " + key + "=" + strings.Join(parts, ",")
}

// canonicalMembers writes what the reader kept of e, in the dump's order.
func canonicalMembers(e Effect) string {
	var b strings.Builder
	add := func(key, v string) {
		if v != "" {
			b.WriteString(" " + key + "=" + v)
		}
	}
	if e.Path != "" {
		add("path", canonicalPath(e.Path))
	}
	if e.Out != "" {
		add("out", canonicalPath(e.Out))
	}
	add("own", e.Ownership)
	if e.Effect == Frees || e.Effect == Moves {
		add("when", e.When)
	}
	if e.Condition != nil {
		add("cond", e.Condition.On+":"+e.Condition.Is)
	}
	add("release_with", e.ReleaseWith)
	if e.Where != "" {
		add("where", canonicalPath(e.Where))
	}
	add("export", e.Export)
	if e.Effect == ToGo {
		add("param", strconv.Itoa(e.Param))
		add("retained", strconv.FormatBool(e.Retained))
	}
	b.WriteString(canonicalCalls("invalidated_by", e.InvalidatedBy))
	b.WriteString(canonicalCalls("until", e.Until))
	if e.RootType != "" {
		add("root_type", `"`+e.RootType+`"`)
	}
	add("source", `"`+e.Source.String()+`"`)
	return b.String()
}
