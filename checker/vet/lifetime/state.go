package lifetime

import (
	"fmt"
	"go/token"
	"hash/fnv"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"

	"cgolifetime/vet/cfacts"
)

// freeNote records that a block was freed (or moved, or invalidated).
type freeNote struct {
	pos   token.Pos
	by    string // "C.free_int", "C.sqlite3_step (invalidates it)", "(*Buf).Close"
	how   string // "freed", "moved", "invalidated"
	src   string // the fact's citation
	maybe bool   // freed on some paths through the callee only
}

// cKeepNote records that a C function kept a block beyond the call.
type cKeepNote struct {
	pos    token.Pos
	by     string
	src    string
	until  []cfacts.Call
	anchor []tokID // the tokens of the argument that 'until' compares with
}

// deferred is a deferred call, with its operands evaluated at the defer.
type deferred struct {
	instr  *ssa.Defer
	callee aval
	args   []aval
}

// kaCheck is a MissingKeepAlive candidate: a C pointer taken out of x, whose
// type has a finalizer freeing it, was passed to a C call at pos.
type kaCheck struct {
	x     tokID
	xVal  ssa.Value
	pos   token.Pos
	cfunc string
	fin   *finalizer
	field string
	done  bool
}

// state is what the analysis knows on one path.
type state struct {
	env     map[ssa.Value]aval
	heap    map[loc]aval
	freed   map[tokID]freeNote
	keptByC map[tokID]cKeepNote
	finOff  map[tokID]bool // runtime.SetFinalizer(x, nil) was called
	defers  []deferred
	checks  []kaCheck
	visits  map[*ssa.BasicBlock]int8
	pred    *ssa.BasicBlock // the block this path came from
	uses    map[tokID]token.Pos
	retval  aval
}

func newState() *state {
	return &state{
		env:     map[ssa.Value]aval{},
		heap:    map[loc]aval{},
		freed:   map[tokID]freeNote{},
		keptByC: map[tokID]cKeepNote{},
		finOff:  map[tokID]bool{},
		visits:  map[*ssa.BasicBlock]int8{},
		uses:    map[tokID]token.Pos{},
	}
}

func (s *state) clone() *state {
	c := &state{
		env:     make(map[ssa.Value]aval, len(s.env)),
		heap:    make(map[loc]aval, len(s.heap)),
		freed:   make(map[tokID]freeNote, len(s.freed)),
		keptByC: make(map[tokID]cKeepNote, len(s.keptByC)),
		finOff:  make(map[tokID]bool, len(s.finOff)),
		defers:  append([]deferred(nil), s.defers...),
		checks:  append([]kaCheck(nil), s.checks...),
		visits:  make(map[*ssa.BasicBlock]int8, len(s.visits)),
		pred:    s.pred,
		uses:    make(map[tokID]token.Pos, len(s.uses)),
		retval:  s.retval,
	}
	for k, v := range s.env {
		c.env[k] = v
	}
	for k, v := range s.heap {
		c.heap[k] = v
	}
	for k, v := range s.freed {
		c.freed[k] = v
	}
	for k, v := range s.keptByC {
		c.keptByC[k] = v
	}
	for k, v := range s.finOff {
		c.finOff[k] = v
	}
	for k, v := range s.visits {
		c.visits[k] = v
	}
	for k, v := range s.uses {
		c.uses[k] = v
	}
	return c
}

// fingerprint hashes what matters for the rest of the path at block b: the
// live SSA values, the heap, the frees, the keeps, the defers, the checks.
// Two paths with one fingerprint at one block continue identically.
func (s *state) fingerprint(b *ssa.BasicBlock, live map[ssa.Value]bool) uint64 {
	var sb strings.Builder
	fmt.Fprintf(&sb, "b%d p%p|", b.Index, s.pred)
	var lines []string
	for v, a := range s.env {
		if len(a) > 0 && live[v] {
			lines = append(lines, fmt.Sprintf("v%p=%s", v, avalKey(a)))
		}
	}
	for l, a := range s.heap {
		lines = append(lines, fmt.Sprintf("h%d%s=%s", l.t, l.sel, avalKey(a)))
	}
	for t, n := range s.freed {
		lines = append(lines, fmt.Sprintf("f%d@%d%v", t, n.pos, n.maybe))
	}
	for t, n := range s.keptByC {
		lines = append(lines, fmt.Sprintf("k%d@%d", t, n.pos))
	}
	for t := range s.finOff {
		lines = append(lines, fmt.Sprintf("o%d", t))
	}
	for t, p := range s.uses {
		lines = append(lines, fmt.Sprintf("u%d@%d", t, p))
	}
	sort.Strings(lines)
	sb.WriteString(strings.Join(lines, ","))
	for _, d := range s.defers {
		fmt.Fprintf(&sb, "|d%p", d.instr)
		for _, a := range d.args {
			sb.WriteString(avalKey(a))
		}
	}
	for _, c := range s.checks {
		fmt.Fprintf(&sb, "|c%d@%d%v", c.x, c.pos, c.done)
	}
	h := fnv.New64a()
	h.Write([]byte(sb.String()))
	return h.Sum64()
}

func avalKey(a aval) string {
	parts := make([]string, len(a))
	for i, e := range a {
		parts[i] = fmt.Sprintf("%d%s/%d%v%v%p", e.t, e.sel, e.part, e.uintptr, e.byValue, e.kept)
	}
	sort.Strings(parts)
	return "{" + strings.Join(parts, " ") + "}"
}
