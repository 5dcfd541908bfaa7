// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package cfacts

import (
	"strconv"
	"strings"
)

// Step kinds of an access path: ->field, .field, [N], [*].
const (
	StepArrow = iota
	StepDot
	StepIndex
	StepAny
)

// Step is one selector of an access path, as written.
type Step struct {
	Kind  int
	Field string // StepArrow, StepDot
	N     int    // StepIndex
}

// Path is a parsed access path (docs/summaries.md, "Access paths").
type Path struct {
	Arg     int    // 1-based argument the path is rooted at; 0 for $ret or a global
	Ret     bool   // rooted at the return value
	Global  string // rooted at the C global of this name
	Library bool   // "library": storage the library owns (keeps.where, a borrowed return)
	Derefs  int    // a leading '*': the pointee of a pointer-to-pointer
	Steps   []Step // the selectors, every kind kept
	// Sels is the engine's view of Steps: "name" for ->name and .name,
	// "[*]" for any element, [N] included.
	Sels []string
}

// ParsePath parses an access path; ok is false for text that is not one.
func ParsePath(s string) (p Path, ok bool) {
	if s == "library" {
		return Path{Library: true}, true
	}
	if !pathSyntax.MatchString(s) {
		return p, false
	}
	if rest, ok := strings.CutPrefix(s, "*"); ok {
		p.Derefs, s = 1, rest
	}
	end := strings.IndexAny(s, ".-[")
	if end < 0 {
		end = len(s)
	}
	switch root := s[:end]; {
	case root == "$ret":
		p.Ret = true
	case strings.HasPrefix(root, "$"):
		n, err := strconv.Atoi(root[1:])
		if err != nil || n > 1024 {
			return p, false
		}
		p.Arg = n
	default:
		p.Global = root
	}
	for rest := s[end:]; rest != ""; {
		var st Step
		switch {
		case strings.HasPrefix(rest, "["):
			close := strings.IndexByte(rest, ']')
			st.Kind = StepAny
			if inner := rest[1:close]; inner != "*" {
				st.Kind = StepIndex
				st.N, _ = strconv.Atoi(inner)
			}
			rest = rest[close+1:]
			p.Steps, p.Sels = append(p.Steps, st), append(p.Sels, "[*]")
			continue
		case strings.HasPrefix(rest, "->"):
			st.Kind, rest = StepArrow, rest[2:]
		default:
			st.Kind, rest = StepDot, rest[1:]
		}
		end := strings.IndexAny(rest, ".-[")
		if end < 0 {
			end = len(rest)
		}
		st.Field, rest = rest[:end], rest[end:]
		p.Steps, p.Sels = append(p.Steps, st), append(p.Sels, st.Field)
	}
	return p, true
}

// String writes the path back from its parse (every step kind kept).
func (p Path) String() string {
	if p.Library {
		return "library"
	}
	var b strings.Builder
	b.WriteString(strings.Repeat("*", p.Derefs))
	switch {
	case p.Ret:
		b.WriteString("$ret")
	case p.Arg > 0:
		b.WriteString("$" + strconv.Itoa(p.Arg))
	default:
		b.WriteString(p.Global)
	}
	for _, st := range p.Steps {
		switch st.Kind {
		case StepArrow:
			b.WriteString("->" + st.Field)
		case StepDot:
			b.WriteString("." + st.Field)
		case StepIndex:
			b.WriteString("[" + strconv.Itoa(st.N) + "]")
		default:
			b.WriteString("[*]")
		}
	}
	return b.String()
}

// IsArg reports whether the path is the argument itself ($N).
func (p Path) IsArg() bool { return p.Arg > 0 && p.Derefs == 0 && len(p.Sels) == 0 }
