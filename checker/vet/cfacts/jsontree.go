// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

package cfacts

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// node is a JSON value with the byte offset where it starts, so that an error
// can name the line and column of the member that is wrong.
type node struct {
	off     int64
	kind    byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	str     string
	num     json.Number
	boolean bool
	keys    []string // object members in order
	members map[string]*node
	elems   []*node
}

// posError is an error at a byte offset of a file.
type posError struct {
	off int64
	msg string
}

func (e *posError) Error() string { return e.msg }

func errAt(n *node, format string, args ...any) error {
	return &posError{off: n.off, msg: fmt.Sprintf(format, args...)}
}

// parseTree reads one JSON value (and nothing after it but white space).
func parseTree(data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := parseValue(dec, data)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &posError{off: dec.InputOffset(), msg: "unexpected data after the top-level value"}
	}
	return n, nil
}

// valueStart returns the offset of the next value: InputOffset points just
// after the previous token, before white space, a ':' or a ','.
func valueStart(dec *json.Decoder, data []byte) int64 {
	off := dec.InputOffset()
	for off < int64(len(data)) && strings.IndexByte(" \t\r\n:,", data[off]) >= 0 {
		off++
	}
	return off
}

func parseValue(dec *json.Decoder, data []byte) (*node, error) {
	start := valueStart(dec, data)
	tok, err := dec.Token()
	if err != nil {
		return nil, syntaxError(dec, err)
	}
	n := &node{off: start}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.kind = 'o'
			n.members = map[string]*node{}
			for dec.More() {
				koff := valueStart(dec, data)
				ktok, err := dec.Token()
				if err != nil {
					return nil, syntaxError(dec, err)
				}
				key, ok := ktok.(string)
				if !ok {
					return nil, &posError{off: koff, msg: "object key must be a string"}
				}
				v, err := parseValue(dec, data)
				if err != nil {
					return nil, err
				}
				if _, dup := n.members[key]; !dup {
					n.keys = append(n.keys, key)
				}
				n.members[key] = v
			}
			if _, err := dec.Token(); err != nil {
				return nil, syntaxError(dec, err)
			}
		case '[':
			n.kind = 'a'
			for dec.More() {
				v, err := parseValue(dec, data)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, syntaxError(dec, err)
			}
		default:
			return nil, &posError{off: start, msg: fmt.Sprintf("unexpected %q", string(t))}
		}
	case string:
		n.kind, n.str = 's', t
	case json.Number:
		n.kind, n.num = 'n', t
	case bool:
		n.kind, n.boolean = 'b', t
	case nil:
		n.kind = 'z'
	}
	return n, nil
}

func syntaxError(dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &posError{off: se.Offset, msg: "not JSON: " + se.Error()}
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return &posError{off: dec.InputOffset(), msg: "not JSON: unexpected end of file"}
	}
	return &posError{off: dec.InputOffset(), msg: "not JSON: " + err.Error()}
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int64) (int, int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col := 1, 1
	for _, c := range data[:off] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

func kindName(k byte) string {
	return map[byte]string{'o': "an object", 'a': "an array", 's': "a string", 'n': "a number",
		'b': "a boolean", 'z': "null"}[k]
}

// Accessors: each returns an error at the member when it has the wrong type.

func (n *node) member(key string) *node { return n.members[key] }

func (n *node) stringMember(key string, required bool) (string, error) {
	m := n.members[key]
	if m == nil {
		if required {
			return "", errAt(n, "missing '%s'", key)
		}
		return "", nil
	}
	if m.kind != 's' {
		return "", errAt(m, "'%s' must be a string, not %s", key, kindName(m.kind))
	}
	return m.str, nil
}

func (n *node) intMember(key string, required bool, min int) (int, error) {
	m := n.members[key]
	if m == nil {
		if required {
			return 0, errAt(n, "missing '%s'", key)
		}
		return 0, nil
	}
	if m.kind != 'n' {
		return 0, errAt(m, "'%s' must be an integer, not %s", key, kindName(m.kind))
	}
	v, err := m.num.Int64()
	if err != nil || v < int64(min) || v > 1<<30 {
		return 0, errAt(m, "'%s' must be an integer >= %d", key, min)
	}
	return int(v), nil
}

func (n *node) boolMember(key string) (bool, error) {
	m := n.members[key]
	if m == nil {
		return false, nil
	}
	if m.kind != 'b' {
		return false, errAt(m, "'%s' must be true or false, not %s", key, kindName(m.kind))
	}
	return m.boolean, nil
}

func (n *node) arrayMember(key string) ([]*node, error) {
	m := n.members[key]
	if m == nil {
		return nil, nil
	}
	if m.kind != 'a' {
		return nil, errAt(m, "'%s' must be an array, not %s", key, kindName(m.kind))
	}
	return m.elems, nil
}

func (n *node) objectMember(key string) (*node, error) {
	m := n.members[key]
	if m == nil {
		return nil, nil
	}
	if m.kind != 'o' {
		return nil, errAt(m, "'%s' must be an object, not %s", key, kindName(m.kind))
	}
	return m, nil
}

func oneOf(n *node, key, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return errAt(n.members[key], "'%s' must be one of %s", key, strings.Join(allowed, ", "))
}
