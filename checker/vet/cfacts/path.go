// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package cfacts

import (
	"strconv"
	"strings"
)

// Path is a parsed access path (docs/summaries.md, "Access paths").
type Path struct {
	Arg    int      // 1-based argument the path is rooted at; 0 for $ret or a global
	Ret    bool     // rooted at the return value
	Global string   // rooted at the C global of this name
	Derefs int      // leading '*'s: the pointee of a pointer-to-pointer
	Sels   []string // selectors: "name" for ->name or .name, "[*]" for any element
}

// ParsePath parses an access path; ok is false for text that is not one.
func ParsePath(s string) (p Path, ok bool) {
	if !pathSyntax.MatchString(s) {
		return p, false
	}
	for strings.HasPrefix(s, "*") {
		p.Derefs++
		s = s[1:]
	}
	end := strings.IndexAny(s, ".-[")
	if end < 0 {
		end = len(s)
	}
	root := s[:end]
	switch {
	case root == "$ret":
		p.Ret = true
	case strings.HasPrefix(root, "$"):
		n, err := strconv.Atoi(root[1:])
		if err != nil {
			return p, false
		}
		p.Arg = n
	default:
		p.Global = root
	}
	rest := s[end:]
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, "->"):
			rest = rest[2:]
		case strings.HasPrefix(rest, "."):
			rest = rest[1:]
		case strings.HasPrefix(rest, "["):
			close := strings.IndexByte(rest, ']')
			p.Sels = append(p.Sels, "[*]")
			rest = rest[close+1:]
			continue
		}
		end := strings.IndexAny(rest, ".-[")
		if end < 0 {
			end = len(rest)
		}
		p.Sels = append(p.Sels, rest[:end])
		rest = rest[end:]
	}
	return p, true
}

// IsArg reports whether the path is the argument itself ($N).
func (p Path) IsArg() bool { return p.Arg > 0 && p.Derefs == 0 && len(p.Sels) == 0 }
