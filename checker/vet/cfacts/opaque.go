// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package cfacts

import (
	"regexp"
	"strconv"
)

// Opaque says that a C function never reads through one of its pointer
// arguments during the call: it stores the pointer, compares it, hands it
// back or ignores it (docs/summaries.md, "opaque"). MissingKeepAlive needs no
// KeepAlive for such an argument: the memory may be freed during the call
// without C touching it.
type Opaque struct {
	Path   string // "$2": an argument
	Source Source
}

// OpaqueArg reports whether the facts of fn say that it never reads through
// its n-th argument (1-based). fn may be nil.
func (fn *Function) OpaqueArg(n int) bool {
	if fn == nil {
		return false
	}
	for _, o := range fn.Opaque {
		if o.Path == "$"+strconv.Itoa(n) {
			return true
		}
	}
	return false
}

var argPath = regexp.MustCompile(`^\$[1-9][0-9]*$`)

// parseOpaque reads a function's "opaque" member: a list of objects with
// "path" (an argument, $N) and, as an effect has, "cite" (models) or
// "source" (summaries).
func parseOpaque(n *node, f *File, data []byte) ([]Opaque, error) {
	elems, err := n.arrayMember("opaque")
	if err != nil {
		return nil, err
	}
	var out []Opaque
	for _, e := range elems {
		if e.kind != 'o' {
			return nil, errAt(e, "an entry of 'opaque' must be an object, not %s", kindName(e.kind))
		}
		var o Opaque
		if o.Path, err = e.stringMember("path", true); err != nil {
			return nil, err
		}
		if !argPath.MatchString(o.Path) {
			return nil, errAt(e.member("path"), "'path' of 'opaque' must be an argument ($1, $2, ...): %q", o.Path)
		}
		line, _ := lineCol(data, e.off)
		if f.Kind == "models" {
			cite, err := e.stringMember("cite", true)
			if err != nil {
				return nil, err
			}
			o.Source = Source{Kind: SourceModel, File: f.Path, Line: line, Cite: cite}
		} else {
			src, err := e.objectMember("source")
			if err != nil {
				return nil, err
			}
			if src == nil {
				return nil, errAt(e, "missing 'source'")
			}
			if o.Source.Kind, err = src.stringMember("kind", true); err != nil {
				return nil, err
			}
			if err := oneOf(src, "kind", o.Source.Kind, SourceComputed, SourceModel); err != nil {
				return nil, err
			}
			if o.Source.File, err = src.stringMember("file", false); err != nil {
				return nil, err
			}
			if o.Source.Line, err = src.intMember("line", false, 0); err != nil {
				return nil, err
			}
			if o.Source.Cite, err = src.stringMember("cite", false); err != nil {
				return nil, err
			}
		}
		out = append(out, o)
	}
	return out, nil
}
