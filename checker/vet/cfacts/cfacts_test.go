// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package cfacts

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestErrorsNameFileLineColumn(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ text, want string }{
		{"{\n  \"version\": 1,\n  \"kind\": \"models\",\n  \"library\": \"x\",\n  \"functions\": [\n    { \"name\": \"f\", \"effects\": [ { \"effect\": \"eats\", \"path\": \"$1\", \"cite\": \"c\" } ] }\n  ]\n}\n",
			":6:45: 'effect' must be one of frees, moves, returns, keeps, to_go, releases"},
		{"{\"version\": 2, \"kind\": \"models\", \"functions\": []}", ":1:13: unsupported schema version 2"},
		{"{\"kind\": \"models\"}", ":1:1: missing 'version'"},
		{"{\"version\": 1, \"kind\": \"models\", \"library\": \"x\", \"functions\": [{\"name\": 3}]}", ":1:73: 'name' must be a string, not a number"},
		{"{\"version\": 1,", ":1:15: not JSON"},
		{"[1]", ":1:1: the top level must be an object"},
		{"{\"version\": 1, \"kind\": \"summaries\", \"functions\": [{\"name\": \"f\", \"effects\": [{\"effect\": \"frees\", \"path\": \"$x\", \"source\": {\"kind\": \"computed\"}}]}]}",
			"'path' is not an access path"},
	}
	for i, c := range cases {
		p := write(t, dir, "m.json", c.text)
		_, err := ReadFile(p)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), p+":") {
			t.Errorf("case %d: got %v, want %q", i, err, c.want)
		}
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.json")); err == nil || !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("missing file: %v", err)
	}
}

func TestModelSourceAndPrecedence(t *testing.T) {
	dir := t.TempDir()
	shipped := write(t, dir, "libc.json", `{"version": 1, "kind": "models", "library": "libc", "functions": [
  {"name": "xfree", "effects": [{"effect": "frees", "path": "$1", "when": "always", "cite": "man xfree"}]}]}`)
	f, err := ReadFile(shipped)
	if err != nil {
		t.Fatal(err)
	}
	src := f.Functions[0].Effects[0].Source
	if src.Kind != SourceModel || src.Line != 2 || src.Cite != "man xfree" || src.File != shipped {
		t.Errorf("source = %+v", src)
	}
	db := NewDB()
	db.AddFile(RankShipped, f)
	db.Add(RankUser, &Function{Name: "xfree", Effects: []Effect{{Effect: Frees, Path: "$2"}}})
	if got := db.Lookup("xfree").Effects[0].Path; got != "$2" {
		t.Errorf("a user's model must override a shipped one: %s", got)
	}
	db.Add(RankShipped, &Function{Name: "xfree", Effects: []Effect{{Effect: Frees, Path: "$3"}}})
	if got := db.Lookup("xfree").Effects[0].Path; got != "$2" {
		t.Errorf("a shipped model must not override a user's: %s", got)
	}
	db.Add(RankComputed, &Function{Name: "xfree", Effects: []Effect{{Effect: Keeps, Path: "$1"}}})
	if got := db.Lookup("xfree").Effects[0].Effect; got != Keeps {
		t.Errorf("a computed summary must win: %s", got)
	}
	if db.Lookup("free") == nil || db.Lookup("CString") == nil {
		t.Error("cgo's builtins are missing")
	}
}

func TestShapeRules(t *testing.T) {
	db := NewDB()
	sig := Signature{FuncPtr: []bool{false, true, false}, VoidPtr: []bool{false, false, true}, Pointer: []bool{true, false, true}}
	f := db.LookupShape("g_signal_connect", sig)
	if f == nil || f.Effects[0].Effect != Keeps || f.Effects[0].Path != "$3" || f.Effects[0].Source.Rule != "callback-userdata" {
		t.Fatalf("callback-userdata: %+v", f)
	}
	f = db.LookupShape("thing_destroy", Signature{Pointer: []bool{true}, FuncPtr: []bool{false}, VoidPtr: []bool{false}})
	if f == nil || f.Effects[0].Effect != Frees || f.Effects[0].Source.Rule != "destructor-name" {
		t.Fatalf("destructor-name: %+v", f)
	}
	db.DestructorName = false
	if db.LookupShape("thing_destroy", Signature{Pointer: []bool{true}, FuncPtr: []bool{false}, VoidPtr: []bool{false}}) != nil {
		t.Error("destructor-name is off")
	}
	db.Add(RankShipped, &Function{Name: "g_signal_connect"})
	if f := db.LookupShape("g_signal_connect", sig); len(f.Effects) != 0 {
		t.Error("a model must switch the shape rule off")
	}
}

func TestStaleSummariesAreIgnored(t *testing.T) {
	dir := t.TempDir()
	c := write(t, dir, "rec.c", "void rec_free(void *p) { free(p); }\n")
	sum := sha256.Sum256([]byte("void rec_free(void *p) { free(p); }\n"))
	s := write(t, dir, "sum.json", `{"version": 1, "kind": "summaries", "inputs": [{"file": "rec.c", "sha256": "`+hex.EncodeToString(sum[:])+`"}],
  "functions": [{"name": "rec_free", "effects": [{"effect": "frees", "path": "$1", "when": "always", "source": {"kind": "computed", "file": "rec.c", "line": 1}}]}]}`)
	cfg := &Config{Summaries: []string{s}, NoShippedModels: true}
	facts, err := cfg.Load(PackageInputs{})
	if err != nil {
		t.Fatal(err)
	}
	if facts.DB.Lookup("rec_free") == nil || len(facts.Warnings) != 0 {
		t.Fatalf("fresh summaries not used: %v", facts.Warnings)
	}
	write(t, dir, "rec.c", "void rec_free(void *p) { }\n")
	readCache.Clear()
	facts, err = cfg.Load(PackageInputs{})
	if err != nil {
		t.Fatal(err)
	}
	if facts.DB.Lookup("rec_free") != nil || len(facts.Warnings) != 1 || !strings.Contains(facts.Warnings[0], "rec.c changed") {
		t.Fatalf("stale summaries used: %v", facts.Warnings)
	}
	_ = c
}

func TestCondition(t *testing.T) {
	dir := t.TempDir()
	fx := func(cond string) string {
		return `{"version": 1, "kind": "models", "library": "x", "functions": [
  {"name": "sock_close", "effects": [
    {"effect": "frees", "path": "$1", "when": "always", "cite": "c",
     "condition": ` + cond + `}]}]}`
	}
	f, err := ReadFile(write(t, dir, "ok.json", fx(`{"on": "$ret", "is": "zero"}`)))
	if err != nil {
		t.Fatal(err)
	}
	c := f.Functions[0].Effects[0].Condition
	if c == nil || c.On != "$ret" || c.Is != Zero || c.Signs() != 2 || c.String() != "when $ret is zero" {
		t.Fatalf("condition = %+v", c)
	}
	for is, signs := range map[string]uint8{Null: 2, Nonnull: 5, Nonzero: 5, Negative: 1, Nonnegative: 6, Positive: 4} {
		if got := (Condition{On: "$ret", Is: is}).Signs(); got != signs {
			t.Errorf("%s: signs %d, want %d", is, got, signs)
		}
	}
	if f, err := ReadFile(write(t, dir, "out.json", fx(`{"on": "*$2", "is": "nonnull"}`))); err != nil || f.Functions[0].Effects[0].Condition.On != "*$2" {
		t.Errorf("*$2: %v", err)
	}
	for cond, want := range map[string]string{
		`"yes"`:                         ":4:19: 'condition' must be an object, not a string",
		`{"is": "zero"}`:                ":4:19: missing 'on'",
		`{"on": "$1", "is": "zero"}`:    ":4:26: 'on' must be $ret or *$N, not \"$1\"",
		`{"on": "$ret", "is": "small"}`: ":4:40: 'is' must be one of zero, nonzero, null, nonnull, negative, nonnegative, positive",
		`{"on": "$ret"}`:                ":4:19: missing 'is'",
	} {
		p := write(t, dir, "bad.json", fx(cond))
		if _, err := ReadFile(p); err == nil || !strings.HasPrefix(err.Error(), p+want) {
			t.Errorf("%s: got %v, want %s", cond, err, want)
		}
	}
	// Two effects that differ by their condition only are two effects.
	db := NewDB()
	db.Add(RankShipped, &Function{Name: "g", Effects: []Effect{{Effect: Frees, Path: "$1", Condition: &Condition{"$ret", Zero}}}})
	db.Add(RankShipped, &Function{Name: "g", Effects: []Effect{{Effect: Frees, Path: "$1", Condition: &Condition{"$ret", Nonzero}}}})
	db.Add(RankShipped, &Function{Name: "g", Effects: []Effect{{Effect: Frees, Path: "$1", Condition: &Condition{"$ret", Zero}}}})
	if n := len(db.Lookup("g").Effects); n != 2 {
		t.Errorf("%d effects, want 2", n)
	}
}

func TestParsePath(t *testing.T) {
	for in, want := range map[string]string{
		"$1": "1 0 []", "$2->name": "2 0 [name]", "*$1": "1 1 []", "$1->items[*]": "1 0 [items [*]]", "$1.a->b[3]": "1 0 [a b [*]]",
	} {
		p, ok := ParsePath(in)
		got := strings.TrimSpace(strings.Join([]string{itoa(p.Arg), itoa(p.Derefs), "[" + strings.Join(p.Sels, " ") + "]"}, " "))
		if !ok || got != want {
			t.Errorf("ParsePath(%q) = %s, want %s", in, got, want)
		}
	}
	// the parse keeps every step kind: written back, a path is itself
	for _, in := range []string{"$1.a->b[3][*]", "*$2", "g_cache.items[0]->buf", "$ret->next", "library"} {
		if p, ok := ParsePath(in); !ok || p.String() != in {
			t.Errorf("ParsePath(%q).String() = %q", in, p.String())
		}
	}
	for _, bad := range []string{"**$1", "$1->", "$1[x]", "$1025"} {
		if _, ok := ParsePath(bad); ok {
			t.Errorf("%q is not a path", bad)
		}
	}
	if _, ok := ParsePath("$0"); ok {
		t.Error("$0 is not a path")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestOpaque reads the arguments a C function never reads through, from a
// model (with its cite) and a summary (with its source), and refuses a path
// that is not an argument; the shipped models that carry them parse.
func TestOpaque(t *testing.T) {
	dir := t.TempDir()
	m := write(t, dir, "lib.json", `{"version": 1, "kind": "models", "library": "lib", "functions": [
  {"name": "lib_set_data", "effects": [],
   "opaque": [{"path": "$3", "cite": "man lib_set_data"}]}]}`)
	f, err := ReadFile(m)
	if err != nil {
		t.Fatal(err)
	}
	fn := &f.Functions[0]
	if !fn.OpaqueArg(3) || fn.OpaqueArg(1) || fn.Opaque[0].Source.Cite != "man lib_set_data" || fn.Opaque[0].Source.Line != 3 {
		t.Errorf("opaque = %+v", fn.Opaque)
	}
	var none *Function
	if none.OpaqueArg(1) {
		t.Error("no facts: nothing is opaque")
	}
	s := write(t, dir, "s.json", `{"version": 1, "kind": "summaries", "functions": [
  {"name": "set", "effects": [], "opaque": [{"path": "$1", "source": {"kind": "computed", "file": "a.c", "line": 4}}]}]}`)
	if f, err := ReadFile(s); err != nil || !f.Functions[0].OpaqueArg(1) {
		t.Errorf("summary: %v", err)
	}
	for _, bad := range []string{`{"path": "$1->h", "cite": "c"}`, `{"path": "$1"}`, `"$1"`} {
		b := write(t, dir, "bad.json", `{"version": 1, "kind": "models", "library": "bad", "functions": [
  {"name": "f", "effects": [], "opaque": [`+bad+`]}]}`)
		if _, err := ReadFile(b); err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
	for _, lib := range []string{"glib", "libc", "lua", "librdkafka"} {
		f, err := ReadFile(filepath.Join("..", "..", "models", lib+".json"))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, fn := range f.Functions {
			n += len(fn.Opaque)
		}
		if n == 0 {
			t.Errorf("%s: no opaque entries", lib)
		}
	}
}
