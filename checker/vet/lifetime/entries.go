// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package lifetime

import (
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Map entries are elements too (elements.go). An entry is named by its key:
// a constant or the block a pointer key points to (definite: two of them
// are two entries), or an SSA value with its round (vague: it may equal any
// other key). m[k] = v writes the cell {v:k}; a read of m[k] with a vague key
// returns that cell when this round wrote it (k is the same key), else what
// any entry may hold, split into the element of k, and, for a map the
// function did not make, an element nobody wrote here. A range over a map
// reads each entry in a round of its own, and meets an entry freed through
// m[k] and left in the map.

// mapSel is the summary location of a map's entries, as elements name it.
const mapSel = "{v}"

// mapKey names a key value that points to no block: a constant, or an SSA
// value with its round (indexKey), or "?" when the analysis cannot name it.
func (x *explorer) mapKey(s *state, key ssa.Value) string {
	if k := x.indexKey(s, key); k != "" {
		return k
	}
	return "?"
}

// definiteKey reports whether a key names one entry that no other definite
// key names.
func definiteKey(key string) bool {
	return strings.HasPrefix(key, "c:") || strings.HasPrefix(key, "t")
}

// localMap reports whether t is a map the function made (make, a literal):
// it holds only what the function wrote in it.
func (c *checker) localMap(t tokID) bool {
	return c.toks[t].kind == tkGo
}

// lookup reads m[k].
func (x *explorer) lookup(s *state, m aval, keys []string, in *ssa.Lookup) aval {
	var out aval
	for _, me := range m {
		sum := loc{me.t, mapSel}
		for _, want := range keys {
			if cell, ok := s.heap[loc{me.t, "{v:" + want + "}"}]; ok && !definiteKey(want) && want != "?" {
				out = union(out, cell) // this round wrote m[k]
				continue
			}
			split := want
			if want == "?" {
				split = ""
			}
			for l, cell := range s.heap {
				if l.t != me.t || !strings.HasPrefix(l.sel, "{v:") {
					continue
				}
				key := l.sel[3 : len(l.sel)-1]
				switch {
				case key == want && want != "?":
					out = union(out, cell)
				case !definiteKey(key) || !definiteKey(want):
					out = union(out, x.element(s, sum, split, cell, true, in))
				}
			}
			if !x.c.localMap(me.t) {
				out = union(out, x.element(s, sum, split, nil, false, in))
			}
		}
	}
	return out
}

// next reads the next entry of a range over a map: its key (part 2) and
// value (part 3).
func (x *explorer) next(s *state, iter aval, in *ssa.Next) aval {
	key := ""
	if in.Parent() == x.top && in.Block() != nil {
		key = "n" + strconv.FormatUint(ptrID(in), 36) + "@" + itoa(int(s.visits[in.Block()]))
	}
	part := func(a aval, p int8) aval {
		return mapElems(a, func(e elem) elem { e.part = p; return e })
	}
	var out aval
	for _, me := range iter {
		sum := loc{me.t, mapSel}
		for l, cell := range s.heap {
			if l.t != me.t {
				continue
			}
			switch {
			case strings.HasPrefix(l.sel, "{k:"):
				out = union(out, part(cell, 2))
			case strings.HasPrefix(l.sel, "{v:"):
				out = union(out, part(x.element(s, sum, key, cell, true, in), 3))
			}
		}
		if !x.c.localMap(me.t) {
			out = union(out, part(x.element(s, sum, key, nil, false, in), 3))
		}
		// an entry freed through m[k] and neither set again nor deleted:
		// the range meets it (a range's own entries are each met once)
		for t := range s.freed {
			id, ok := x.c.elems.of[t]
			if !ok || id.l != sum || id.key == "" || strings.HasPrefix(id.key, "n") {
				continue
			}
			if _, set := s.heap[loc{me.t, "{v:" + id.key + "}"}]; !set {
				out = union(out, aval{{t: t, part: 3}})
			}
		}
	}
	return out
}
