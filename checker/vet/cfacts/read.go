// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package cfacts

import (
	"fmt"
	"os"
	"regexp"
)

// Error is a bad summaries, models or manifest file: one line naming the file,
// and the line and column when the content is at fault.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func fileError(path string, data []byte, err error) error {
	if pe, ok := err.(*posError); ok {
		line, col := lineCol(data, pe.off)
		return &Error{File: path, Line: line, Col: col, Msg: pe.msg}
	}
	return &Error{File: path, Msg: err.Error()}
}

// ReadFile reads one summaries or models file (docs/summaries.md). The
// sources of a model's effects are filled in with the file and line of the
// effect and its citation.
func ReadFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot read: " + errText(err)}
	}
	f, err := Parse(path, data)
	if err != nil {
		return nil, fileError(path, data, err)
	}
	return f, nil
}

func errText(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// Parse decodes a summaries or models file; errors carry byte offsets
// (ReadFile turns them into line and column).
func Parse(path string, data []byte) (*File, error) {
	root, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	if root.kind != 'o' {
		return nil, errAt(root, "the top level must be an object, not %s", kindName(root.kind))
	}
	f := &File{Path: path}
	if root.member("version") == nil {
		return nil, errAt(root, "missing 'version'")
	}
	if f.Version, err = root.intMember("version", true, 0); err != nil {
		return nil, err
	}
	if f.Version != SchemaVersion {
		return nil, errAt(root.member("version"), "unsupported schema version %d (this reader reads version %d)", f.Version, SchemaVersion)
	}
	if f.Kind, err = root.stringMember("kind", true); err != nil {
		return nil, err
	}
	if err := oneOf(root, "kind", f.Kind, "summaries", "models"); err != nil {
		return nil, err
	}
	if f.Generator, err = root.stringMember("generator", false); err != nil {
		return nil, err
	}
	if f.Library, err = root.stringMember("library", f.Kind == "models"); err != nil {
		return nil, err
	}
	if f.Documentation, err = root.stringMember("documentation", false); err != nil {
		return nil, err
	}
	inputs, err := root.arrayMember("inputs")
	if err != nil {
		return nil, err
	}
	for _, in := range inputs {
		if in.kind != 'o' {
			return nil, errAt(in, "an input must be an object, not %s", kindName(in.kind))
		}
		var i Input
		if i.File, err = in.stringMember("file", true); err != nil {
			return nil, err
		}
		if i.SHA256, err = in.stringMember("sha256", true); err != nil {
			return nil, err
		}
		if !sha256Hex.MatchString(i.SHA256) {
			return nil, errAt(in.member("sha256"), "'sha256' must be 64 lower-case hex digits")
		}
		f.Inputs = append(f.Inputs, i)
	}
	funcs, err := root.arrayMember("functions")
	if err != nil {
		return nil, err
	}
	if root.member("functions") == nil {
		return nil, errAt(root, "missing 'functions'")
	}
	for _, fn := range funcs {
		g, err := parseFunction(fn, f, data)
		if err != nil {
			return nil, err
		}
		f.Functions = append(f.Functions, g)
	}
	return f, nil
}

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// pathSyntax accepts the access paths of docs/summaries.md: an optional
// leading '*', a root ($N, $ret or a C identifier), then selectors. The word
// library is a path of its own where the schema allows it (checkPath).
var pathSyntax = regexp.MustCompile(`^\*?(\$[1-9][0-9]*|\$ret|[A-Za-z_][A-Za-z0-9_]*)((->|\.)[A-Za-z_][A-Za-z0-9_]*|\[([0-9]+|\*)\])*$`)

// cName is a C function name; callName one in an invalidated_by or until
// entry, which may end in '*' (a prefix).
var (
	cName    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	callName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*\*?$`)
)

func parseFunction(n *node, f *File, data []byte) (Function, error) {
	var fn Function
	if n.kind != 'o' {
		return fn, errAt(n, "a function must be an object, not %s", kindName(n.kind))
	}
	var err error
	if fn.Name, err = n.stringMember("name", true); err != nil {
		return fn, err
	}
	if !cName.MatchString(fn.Name) {
		return fn, errAt(n.member("name"), "'name' must be a C function name: %q", fn.Name)
	}
	if n.member("effects") == nil {
		return fn, errAt(n, "missing 'effects'")
	}
	effects, err := n.arrayMember("effects")
	if err != nil {
		return fn, err
	}
	if fn.Location, err = n.stringMember("location", false); err != nil {
		return fn, err
	}
	if fn.GoCalled, err = n.boolMember("go_called"); err != nil {
		return fn, err
	}
	if fn.Cite, err = n.stringMember("cite", false); err != nil {
		return fn, err
	}
	for _, e := range effects {
		eff, err := parseEffect(e, f, data)
		if err != nil {
			return fn, err
		}
		fn.Effects = append(fn.Effects, eff)
	}
	if fn.Opaque, err = parseOpaque(n, f, data); err != nil {
		return fn, err
	}
	return fn, nil
}

// checkPath reads the access path n[key] ("" when absent and not
// required); library is one only where allowLibrary says so.
func checkPath(n *node, key string, required, allowLibrary bool) (string, error) {
	s, err := n.stringMember(key, required)
	if err != nil || s == "" && n.member(key) == nil {
		return s, err
	}
	if s == "library" && !allowLibrary {
		return "", errAt(n.member(key), "'%s' may not be 'library' here", key)
	}
	if s != "library" && !pathSyntax.MatchString(s) {
		return "", errAt(n.member(key), "'%s' is not an access path: %q", key, s)
	}
	return s, nil
}

func parseCalls(n *node, key string) ([]Call, error) {
	elems, err := n.arrayMember(key)
	if err != nil {
		return nil, err
	}
	var calls []Call
	for _, c := range elems {
		if c.kind != 'o' {
			return nil, errAt(c, "an entry of '%s' must be an object, not %s", key, kindName(c.kind))
		}
		var call Call
		if call.Name, err = c.stringMember("name", true); err != nil {
			return nil, err
		}
		if !callName.MatchString(call.Name) {
			return nil, errAt(c.member("name"), "'name' must be a C function name or a prefix ending in '*': %q", call.Name)
		}
		if call.Arg, err = c.intMember("arg", true, 0); err != nil {
			return nil, err
		}
		if call.Arg > 1024 {
			return nil, errAt(c.member("arg"), "'arg' must be 0 (any call) or an argument number")
		}
		if call.SameAs, err = checkPath(c, "same_as", false, false); err != nil {
			return nil, err
		}
		calls = append(calls, call)
	}
	return calls, nil
}

// condOn is what a condition may be on: the result, or what an argument
// points to after the call.
var condOn = regexp.MustCompile(`^(\$ret|\*\$[1-9][0-9]*)$`)

// parseCondition reads an effect's 'condition' (CONDITION-SCHEMA, docs/
// summaries.md "Conditions"), or nil when it has none.
func parseCondition(n *node) (*Condition, error) {
	cn, err := n.objectMember("condition")
	if err != nil || cn == nil {
		return nil, err
	}
	var c Condition
	if c.On, err = cn.stringMember("on", true); err != nil {
		return nil, err
	}
	if !condOn.MatchString(c.On) {
		return nil, errAt(cn.member("on"), "'on' must be $ret or *$N, not %q", c.On)
	}
	if c.Is, err = cn.stringMember("is", true); err != nil {
		return nil, err
	}
	if err := oneOf(cn, "is", c.Is, Zero, Nonzero, Null, Nonnull, Negative, Nonnegative, Positive); err != nil {
		return nil, err
	}
	return &c, nil
}

// parseEffect reads one effect: the members its kind has (the table of
// docs/summaries.md, "Effects"; the plugin's reader, Summaries.cpp, reads
// the same ones and requires the same), its condition, its source.
func parseEffect(n *node, f *File, data []byte) (Effect, error) {
	var e Effect
	if n.kind != 'o' {
		return e, errAt(n, "an effect must be an object, not %s", kindName(n.kind))
	}
	var err error
	if e.Effect, err = n.stringMember("effect", true); err != nil {
		return e, err
	}
	if err := oneOf(n, "effect", e.Effect, Frees, Moves, Returns, Keeps, ToGo, Releases); err != nil {
		return e, err
	}
	if err := parseMembers(n, &e); err != nil {
		return e, err
	}
	if e.Condition, err = parseCondition(n); err != nil {
		return e, err
	}
	if e.RootType, err = n.stringMember("root_type", false); err != nil {
		return e, err
	}
	line, _ := lineCol(data, n.off)
	if f.Kind == "models" {
		cite, err := n.stringMember("cite", false)
		if err != nil {
			return e, err
		}
		e.Source = Source{Kind: SourceModel, File: f.Path, Line: line, Cite: cite}
		return e, nil
	}
	e.Source, err = parseSource(n)
	return e, err
}

// parseMembers reads the members of e's kind.
func parseMembers(n *node, e *Effect) (err error) {
	switch e.Effect {
	case Frees, Moves:
		if e.Path, err = checkPath(n, "path", true, false); err != nil {
			return err
		}
		if e.When, err = n.stringMember("when", true); err != nil {
			return err
		}
		return oneOf(n, "when", e.When, "always", "maybe")
	case Returns:
		return parseReturns(n, e)
	case Keeps:
		if e.Path, err = checkPath(n, "path", true, false); err != nil {
			return err
		}
		if e.Where, err = checkPath(n, "where", true, true); err != nil {
			return err
		}
		e.Until, err = parseCalls(n, "until")
		return err
	case ToGo:
		if e.Path, err = checkPath(n, "path", true, false); err != nil {
			return err
		}
		if e.Export, err = n.stringMember("export", true); err != nil {
			return err
		}
		if e.Param, err = n.intMember("param", true, 1); err != nil {
			return err
		}
		if n.member("retained") == nil {
			return errAt(n, "missing 'retained'")
		}
		e.Retained, err = n.boolMember("retained")
		return err
	case Releases:
		e.Export, err = n.stringMember("export", true)
	}
	return err
}

// parseReturns reads a 'returns': fresh and static come out at path, $ret
// unless it says otherwise; borrowed and argument name their owner.
func parseReturns(n *node, e *Effect) (err error) {
	if e.Ownership, err = n.stringMember("ownership", true); err != nil {
		return err
	}
	if err := oneOf(n, "ownership", e.Ownership, Fresh, Borrowed, Static, Argument); err != nil {
		return err
	}
	owner := e.Ownership == Borrowed || e.Ownership == Argument
	if e.Path, err = checkPath(n, "path", owner, e.Ownership == Borrowed); err != nil {
		return err
	}
	if e.Path == "" {
		e.Path = "$ret"
	}
	if e.Out, err = checkPath(n, "out", false, false); err != nil {
		return err
	}
	if e.ReleaseWith, err = n.stringMember("release_with", false); err != nil {
		return err
	}
	e.InvalidatedBy, err = parseCalls(n, "invalidated_by")
	return err
}

// parseSource reads a summaries effect's 'source' (required).
func parseSource(n *node) (Source, error) {
	var s Source
	src, err := n.objectMember("source")
	if err != nil {
		return s, err
	}
	if src == nil {
		return s, errAt(n, "missing 'source'")
	}
	if s.Kind, err = src.stringMember("kind", true); err != nil {
		return s, err
	}
	if err := oneOf(src, "kind", s.Kind, SourceComputed, SourceModel, SourceShape); err != nil {
		return s, err
	}
	if s.File, err = src.stringMember("file", false); err != nil {
		return s, err
	}
	if s.Line, err = src.intMember("line", false, 0); err != nil {
		return s, err
	}
	if s.Cite, err = src.stringMember("cite", false); err != nil {
		return s, err
	}
	s.Rule, err = src.stringMember("rule", false)
	return s, err
}
