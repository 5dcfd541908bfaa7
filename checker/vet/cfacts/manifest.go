// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package cfacts

import (
	"os"
	"strconv"
)

// manifestVersion is the boundary manifest schema this package reads
// (docs/manifest.md).
const manifestVersion = 1

// Manifest is what the Go side uses of cgo-boundary's manifest.
type Manifest struct {
	Path string
	// HandleArgs: C function name -> 1-based arguments that are integers
	// (runtime/cgo.Handle values) passed as pointers at every Go call.
	HandleArgs map[string][]int
}

// ReadManifest reads a boundary manifest. Its allocators, deallocators and
// takes_ownership lists become facts of rank RankUser in db.
func ReadManifest(path string, db *DB) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot read: " + errText(err)}
	}
	m, err := parseManifest(path, data, db)
	if err != nil {
		return nil, fileError(path, data, err)
	}
	return m, nil
}

func parseManifest(path string, data []byte, db *DB) (*Manifest, error) {
	root, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	if root.kind != 'o' {
		return nil, errAt(root, "the top level must be an object, not %s", kindName(root.kind))
	}
	v, err := root.intMember("version", true, 0)
	if err != nil {
		return nil, err
	}
	if v != manifestVersion {
		return nil, errAt(root.member("version"), "unsupported manifest version %d (this reader reads version %d)", v, manifestVersion)
	}
	m := &Manifest{Path: path, HandleArgs: map[string][]int{}}
	type entry struct {
		name string
		arg  int
		line int
	}
	list := func(key string, defArg int) ([]entry, error) {
		elems, err := root.arrayMember(key)
		if err != nil {
			return nil, err
		}
		var out []entry
		for _, e := range elems {
			if e.kind != 'o' {
				return nil, errAt(e, "an entry of '%s' must be an object, not %s", key, kindName(e.kind))
			}
			name, err := e.stringMember("name", true)
			if err != nil {
				return nil, err
			}
			arg, err := e.intMember("arg", false, 1)
			if err != nil {
				return nil, err
			}
			if arg == 0 {
				arg = defArg
			}
			line, _ := lineCol(data, e.off)
			out = append(out, entry{name, arg, line})
		}
		return out, nil
	}
	src := func(line int, what string) Source {
		return Source{Kind: SourceManifest, File: path, Line: line, Cite: what}
	}
	allocs, err := list("allocators", 0)
	if err != nil {
		return nil, err
	}
	for _, a := range allocs {
		db.Add(RankUser, &Function{Name: a.name, Effects: []Effect{{Effect: Returns, Ownership: Fresh,
			Source: src(a.line, "manifest allocator")}}})
	}
	deallocs, err := list("deallocators", 1)
	if err != nil {
		return nil, err
	}
	for _, d := range deallocs {
		db.Add(RankUser, &Function{Name: d.name, Effects: []Effect{{Effect: Frees, Path: "$" + strconv.Itoa(d.arg),
			When: "always", Source: src(d.line, "manifest deallocator")}}})
	}
	takes, err := list("takes_ownership", 1)
	if err != nil {
		return nil, err
	}
	for _, t := range takes {
		db.Add(RankUser, &Function{Name: t.name, Effects: []Effect{{Effect: Keeps, Path: "$" + strconv.Itoa(t.arg),
			Where: "library", Source: src(t.line, "manifest takes_ownership")}}})
	}
	handles, err := list("handle_args", 1)
	if err != nil {
		return nil, err
	}
	for _, h := range handles {
		m.HandleArgs[h.name] = append(m.HandleArgs[h.name], h.arg)
	}
	db.Files = append(db.Files, path)
	return m, nil
}
