// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package lifetime

import (
	"go/token"

	"cgolifetime/vet/cfacts"
)

// An 'until' entry with same_as (docs/summaries.md) ends a keeping when the
// listed call's argument is the value same_as names at the keeping call,
// instead of the keeping's anchor: lua_newstate keeps its userdata until
// lua_close of the state it returns ($ret), sqlite3_create_function_v2 until
// sqlite3_close of its 1st argument ($1). A same_as this reading cannot name
// (*$N) leaves the entry on the anchor, as before same_as was read.

// untilAnchors returns, per entry of until, the tokens of its same_as when
// it names an argument ($N); $ret is filled in by anchorResult once the
// call's result is known; nil for the others.
func untilAnchors(until []cfacts.Call, args []aval) [][]tokID {
	var out [][]tokID
	for i, u := range until {
		p, ok := cfacts.ParsePath(u.SameAs)
		if !ok || !p.IsArg() || p.Arg > len(args) {
			continue
		}
		if out == nil {
			out = make([][]tokID, len(until))
		}
		out[i] = append([]tokID{}, args[p.Arg-1].tokens()...)
	}
	return out
}

// untilAnchor returns the tokens the i-th 'until' entry's argument must
// share to end the keeping.
func (k cKeepNote) untilAnchor(i int) []tokID {
	if i < len(k.sameAs) && k.sameAs[i] != nil {
		return k.sameAs[i]
	}
	return k.anchor
}

// anchorResult gives the keepings made by the call at pos whose 'until' is
// on the call's result ("same_as": "$ret") that result's tokens.
func (x *explorer) anchorResult(s *state, pos token.Pos, res aval) {
	for t, k := range s.keptByC {
		if k.pos != pos {
			continue
		}
		var anchors [][]tokID
		for i, u := range k.until {
			if u.SameAs != "$ret" {
				continue
			}
			if anchors == nil {
				anchors = make([][]tokID, len(k.until))
				copy(anchors, k.sameAs)
			}
			anchors[i] = append([]tokID{}, res.tokens()...)
		}
		if anchors != nil {
			k.sameAs = anchors
			s.keptByC[t] = k
		}
	}
}
