#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Checks library models files against docs/summaries.md (schema version 1, kind "models").

    check_models.py [--summary] [--show FUNCTION]... PATH...

Each PATH is a models file or a folder of them (every *.json in it). Prints one line per error,
"check_models: error: FILE:LINE:COLUMN: message", and exits 1 if there was any; else prints
"check_models: N files, F functions, E effects" (and with --summary one line per library) and
exits 0. --show prints the effects of one function, one line each, in a form that does not
depend on the file's layout (for tests). Test-only tool (Python 3 standard library): the product's own readers live in the plugin
and the Go side.

Checked: the JSON itself (with positions), version 1, kind "models", library (the file's stem),
documentation; every function (a C identifier, sorted by name, not repeated within the set of
files unless both entries name each other's library in "also_in"); every effect (a known
"effect" with its members, the access-path grammar, "cite" on every effect, sorted by effect,
path, out and condition); an entry with no effects carries its own "cite"; "opaque" entries (an argument $N and
"cite"). Unknown members are errors here
(a reader ignores them; a shipped model with one has a typo).
"""
import json
import os
import re
import sys

PROG = "check_models"
EFFECTS = ("frees", "moves", "returns", "keeps", "to_go", "releases")
OWNERSHIP = ("fresh", "borrowed", "static", "argument")
WHEN = ("always", "maybe")
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
ARG = re.compile(r"\$[1-9][0-9]*\Z")
GLOB = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\*\Z")
PATH = re.compile(r"\*?(?:\$(?:[1-9][0-9]*|ret)|[A-Za-z_][A-Za-z0-9_]*)"
                  r"(?:->[A-Za-z_][A-Za-z0-9_]*|\.[A-Za-z_][A-Za-z0-9_]*|\[(?:[0-9]+|\*)\])*\Z")
CONDITION_IS = ("zero", "nonzero", "null", "nonnull", "negative", "nonnegative", "positive")
CONDITION_ON = re.compile(r"(?:\$ret|\*\$[1-9][0-9]*)\Z")
# Members per effect: (required, optional).
MEMBERS = {
    "frees": ({"path", "when"}, set()),
    "moves": ({"path", "when"}, set()),
    "returns": ({"ownership", "path"}, {"out", "invalidated_by", "release_with"}),
    "keeps": ({"path", "where"}, {"until"}),
}


class ParseError(Exception):
    def __init__(self, line, col, msg):
        super().__init__(msg)
        self.line, self.col, self.msg = line, col, msg


class Node:
    """A JSON value with the line and column where it starts."""

    def __init__(self, kind, value, line, col):
        self.kind, self.value, self.line, self.col = kind, value, line, col
        self.keys = {}  # objects: member name -> (line, col) of the key

    def get(self, name):
        return self.value.get(name) if self.kind == "object" else None


class Parser:
    """A small recursive-descent JSON parser that remembers where every value and key starts."""

    NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")

    def __init__(self, text):
        self.text, self.pos = text, 0

    def where(self, pos=None):
        pos = self.pos if pos is None else pos
        line = self.text.count("\n", 0, pos) + 1
        return line, pos - (self.text.rfind("\n", 0, pos) + 1) + 1

    def fail(self, msg, pos=None):
        raise ParseError(*self.where(pos), msg)

    def skip(self):
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
            self.pos += 1

    def peek(self):
        self.skip()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, ch, what):
        if self.peek() != ch:
            self.fail(f"expected {what}")
        self.pos += 1

    def document(self):
        node = self.value()
        if self.peek():
            self.fail("unexpected text after the JSON value")
        return node

    def value(self):
        ch = self.peek()
        line, col = self.where()
        if ch == "{":
            return self.obj(line, col)
        if ch == "[":
            self.pos += 1
            items = []
            if self.peek() == "]":
                self.pos += 1
                return Node("array", items, line, col)
            while True:
                items.append(self.value())
                if self.peek() == ",":
                    self.pos += 1
                    continue
                self.expect("]", "',' or ']'")
                return Node("array", items, line, col)
        if ch == '"':
            return Node("string", self.string(), line, col)
        for word, val in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return Node("bool" if val is not None else "null", val, line, col)
        m = self.NUMBER.match(self.text, self.pos)
        if m and m.end() > self.pos:
            self.pos = m.end()
            num = json.loads(m.group(0))
            return Node("integer" if isinstance(num, int) else "number", num, line, col)
        if not ch:
            self.fail("unexpected end of file")
        if ch in "]}":
            self.fail(f"expected a JSON value, found '{ch}' (a trailing comma?)")
        self.fail("expected a JSON value")

    def obj(self, line, col):
        self.pos += 1
        node = Node("object", {}, line, col)
        if self.peek() == "}":
            self.pos += 1
            return node
        while True:
            if self.peek() != '"':
                self.fail("expected a member name in double quotes")
            kpos = self.where()
            key = self.string()
            if key in node.value:
                raise ParseError(*kpos, f"member '{key}' appears twice")
            self.expect(":", "':'")
            node.value[key] = self.value()
            node.keys[key] = kpos
            if self.peek() == ",":
                self.pos += 1
                continue
            self.expect("}", "',' or '}'")
            return node

    def string(self):
        start = self.pos
        self.pos += 1
        while True:
            if self.pos >= len(self.text):
                self.fail("unterminated string", start)
            ch = self.text[self.pos]
            if ch == "\\":
                self.pos += 2
            elif ch == '"':
                self.pos += 1
                break
            elif ch == "\n":
                self.fail("unterminated string", start)
            else:
                self.pos += 1
        try:
            return json.loads(self.text[start:self.pos])
        except ValueError:
            self.fail("bad character or escape in string", start)


class Checker:
    def __init__(self):
        self.errors = 0
        self.seen = {}  # function name -> (file, node, library, also_in)
        self.stats = []  # (library, file, functions, effects)
        self.functions = {}  # function name -> its node, for --show

    def error(self, path, line, col, msg):
        self.errors += 1
        print(f"{PROG}: error: {path}:{line}:{col}: {msg}")

    def at(self, path, node, msg):
        self.error(path, node.line, node.col, msg)

    def at_key(self, path, obj, key, msg):
        line, col = obj.keys.get(key, (obj.line, obj.col))
        self.error(path, line, col, msg)

    def member(self, path, obj, key, kind, required=True):
        """The member KEY of OBJ if it has the JSON type KIND, else None (after an error)."""
        node = obj.value.get(key)
        if node is None:
            if required:
                self.at(path, obj, f"missing '{key}'")
            return None
        ok = node.kind == kind or (kind == "number" and node.kind == "integer")
        if not ok:
            self.at(path, node, f"'{key}' must be a {kind}")
            return None
        return node

    def unknown(self, path, obj, allowed):
        for key in obj.value:
            if key not in allowed:
                self.at_key(path, obj, key, f"unknown member '{key}'")

    def check_path(self, path, node, key, allow_library=False, report_type=True):
        if node is None:
            return
        if node.kind != "string":
            if report_type:
                self.at(path, node, f"'{key}' must be a string")
            return
        if node.value == "library":
            if not allow_library:
                self.at(path, node, f"'{key}' may not be 'library' here")
            return
        if not PATH.match(node.value):
            self.at(path, node, f"'{key}' is not an access path: '{node.value}' "
                                "(root $N, $ret or a global, then ->f, .f, [N] or [*]; optional leading *)")

    def check_calls(self, path, obj, key):
        lst = self.member(path, obj, key, "array", required=False)
        if lst is None:
            return
        for call in lst.value:
            if call.kind != "object":
                self.at(path, call, f"each entry of '{key}' must be an object")
                continue
            self.unknown(path, call, {"name", "arg", "same_as"})
            name = self.member(path, call, "name", "string")
            if name is not None and not (IDENT.match(name.value) or GLOB.match(name.value)):
                self.at(path, name, f"'name' must be a C function name or a prefix ending in '*': "
                                    f"'{name.value}'")
            arg = self.member(path, call, "arg", "integer")
            if arg is not None and arg.value < 0:
                self.at(path, arg, "'arg' must be 0 (any call) or an argument number")
            self.check_path(path, call.get("same_as"), "same_as")

    def check_effect(self, path, eff):
        kind = self.member(path, eff, "effect", "string")
        if kind is None:
            return None
        if kind.value not in EFFECTS:
            self.at(path, kind, "'effect' must be one of " + ", ".join(EFFECTS))
            return None
        if kind.value not in MEMBERS:
            self.at(path, kind, f"'{kind.value}' is computed from a package's code, not a library model")
            return None
        required, optional = MEMBERS[kind.value]
        self.unknown(path, eff, required | optional | {"effect", "cite", "condition"})
        cond = self.member(path, eff, "condition", "object", required=False)
        if cond is not None:
            self.unknown(path, cond, {"on", "is"})
            on = self.member(path, cond, "on", "string")
            if on is not None and not CONDITION_ON.match(on.value):
                self.at(path, on, f"'on' must be $ret or an out-parameter *$N: '{on.value}'")
            is_ = self.member(path, cond, "is", "string")
            if is_ is not None and is_.value not in CONDITION_IS:
                self.at(path, is_, "'is' must be one of " + ", ".join(CONDITION_IS))
        cite = self.member(path, eff, "cite", "string")
        if cite is not None and not cite.value.strip():
            self.at(path, cite, "'cite' is empty")
        for key in sorted(required):
            self.member(path, eff, key, "string")
        when = eff.get("when")
        if when is not None and when.kind == "string" and when.value not in WHEN:
            self.at(path, when, "'when' must be one of " + ", ".join(WHEN))
        ownership = eff.get("ownership")
        own = ownership.value if ownership is not None and ownership.kind == "string" else None
        if own is not None and own not in OWNERSHIP:
            self.at(path, ownership, "'ownership' must be one of " + ", ".join(OWNERSHIP))
        self.check_path(path, eff.get("path"), "path", allow_library=own == "borrowed", report_type=False)
        if kind.value == "keeps":
            self.check_path(path, eff.get("where"), "where", allow_library=True, report_type=False)
            self.check_calls(path, eff, "until")
        if kind.value == "returns":
            for key, fit in (("release_with", ("fresh",)), ("invalidated_by", ("borrowed",)),
                             ("out", ("borrowed", "argument"))):
                if key in eff.value and own is not None and own not in fit:
                    self.at_key(path, eff, key, f"'{key}' is for ownership {' or '.join(fit)}, not {own}")
            rel = self.member(path, eff, "release_with", "string", required=False)
            if rel is not None and not IDENT.match(rel.value):
                self.at(path, rel, f"'release_with' must be a C function name: '{rel.value}'")
            self.check_path(path, eff.get("out"), "out")
            self.check_calls(path, eff, "invalidated_by")
        p, o = eff.get("path"), eff.get("out")
        on = cond.get("on") if cond is not None else None
        is_ = cond.get("is") if cond is not None else None
        # Two effects that differ only by their condition are two effects.
        return (kind.value, p.value if p is not None and p.kind == "string" else "",
                o.value if o is not None and o.kind == "string" else "",
                on.value if on is not None and on.kind == "string" else "",
                is_.value if is_ is not None and is_.kind == "string" else "")

    def check_opaque(self, path, fn):
        """'opaque': the arguments the function never reads through, each {path: $N, cite}."""
        lst = self.member(path, fn, "opaque", "array", required=False)
        if lst is None:
            return
        for entry in lst.value:
            if entry.kind != "object":
                self.at(path, entry, "each entry of 'opaque' must be an object")
                continue
            self.unknown(path, entry, {"path", "cite"})
            arg = self.member(path, entry, "path", "string")
            if arg is not None and not ARG.match(arg.value):
                self.at(path, arg, f"'path' of 'opaque' must be an argument ($1, $2, ...): '{arg.value}'")
            cite = self.member(path, entry, "cite", "string")
            if cite is not None and not cite.value.strip():
                self.at(path, cite, "'cite' is empty")

    def check_function(self, path, fn):
        self.unknown(path, fn, {"name", "effects", "cite", "also_in", "opaque"})
        name = self.member(path, fn, "name", "string")
        if name is not None and not IDENT.match(name.value):
            self.at(path, name, f"'name' must be a C function name: '{name.value}'")
        effects = self.member(path, fn, "effects", "array")
        cite = self.member(path, fn, "cite", "string", required=False)
        if effects is not None:
            if not effects.value and cite is None:
                self.at(path, effects, "a function with no effects needs its own 'cite' (why nothing is kept)")
            if effects.value and cite is not None:
                self.at_key(path, fn, "cite", "a function-level 'cite' is only for a function with no effects")
            last = None
            for eff in effects.value:
                if eff.kind != "object":
                    self.at(path, eff, "each effect must be an object")
                    continue
                key = self.check_effect(path, eff)
                if key is None:
                    continue
                if last is not None and key < last:
                    self.at(path, eff, f"effects are not sorted by effect, path, out and condition: "
                                       f"{key[0]} {key[1]} comes after {last[0]} {last[1]}")
                elif key == last:
                    self.at(path, eff, f"effect {key[0]} {key[1]} appears twice")
                last = key
        also = self.member(path, fn, "also_in", "array", required=False)
        also_in = set()
        if also is not None:
            for lib in also.value:
                if lib.kind != "string":
                    self.at(path, lib, "each entry of 'also_in' must be a library name")
                else:
                    also_in.add(lib.value)
        self.check_opaque(path, fn)
        return name, also_in, len(effects.value) if effects is not None else 0

    def check_file(self, path):
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as e:
            self.error(path, 1, 1, f"cannot read: {e}")
            return
        try:
            doc = Parser(text).document()
        except ParseError as e:
            self.error(path, e.line, e.col, e.msg)
            return
        if doc.kind != "object":
            self.at(path, doc, "a models file is a JSON object")
            return
        self.unknown(path, doc, {"version", "kind", "library", "documentation", "functions"})
        version = self.member(path, doc, "version", "integer")
        if version is not None and version.value != 1:
            self.at(path, version, f"unsupported version {version.value} (this reader knows version 1)")
        kind = self.member(path, doc, "kind", "string")
        if kind is not None and kind.value != "models":
            self.at(path, kind, "'kind' must be 'models'")
        library = self.member(path, doc, "library", "string")
        stem = os.path.splitext(os.path.basename(path))[0]
        if library is not None and library.value != stem:
            self.at(path, library, f"'library' is '{library.value}' but the file is {stem}.json")
        docs = self.member(path, doc, "documentation", "string")
        if docs is not None and not docs.value.startswith(("https://", "http://")):
            self.at(path, docs, "'documentation' must be a URL")
        functions = self.member(path, doc, "functions", "array")
        if functions is None:
            return
        lib = library.value if library is not None else stem
        last, n_eff = None, 0
        for fn in functions.value:
            if fn.kind != "object":
                self.at(path, fn, "each function must be an object")
                continue
            name, also_in, count = self.check_function(path, fn)
            n_eff += count
            if name is None:
                continue
            if last is not None and name.value <= last:
                self.at(path, name, f"functions are not sorted by name: '{name.value}' "
                                    + ("appears twice" if name.value == last else f"comes after '{last}'"))
            last = name.value
            self.cross_file(path, name, lib, also_in)
            self.functions.setdefault(name.value, fn)
        self.stats.append((lib, path, len(functions.value), n_eff))

    def cross_file(self, path, name, lib, also_in):
        prev = self.seen.get(name.value)
        if prev is None:
            self.seen[name.value] = (path, name, lib, also_in)
            return
        ppath, pname, plib, palso = prev
        if plib in also_in and lib in palso:
            return
        self.at(path, name, f"'{name.value}' is also modelled in {ppath}:{pname.line}:{pname.col}; "
                            "list each library in the other's 'also_in' if both are meant")


def show(name, fn):
    """One line per effect: NAME EFFECT member=value ..., lists as name:arg[=same_as],..."""
    if fn is None:
        return [f"{name}: not modelled"]
    effects = fn.value["effects"].value
    if not effects:
        return [f"{name}: no effects, cite={fn.value['cite'].value}"]
    lines = []
    for eff in effects:
        parts = [name, eff.value["effect"].value]
        for key in ("ownership", "path", "out", "when", "where", "release_with", "invalidated_by", "until"):
            node = eff.value.get(key)
            if node is None:
                continue
            if node.kind == "array":
                calls = []
                for c in node.value:
                    same = c.value.get("same_as")
                    calls.append(f"{c.value['name'].value}:{c.value['arg'].value}"
                                 + (f"={same.value}" if same is not None else ""))
                parts.append(f"{key}=" + ",".join(calls))
            else:
                parts.append(f"{key}={node.value}")
        lines.append(" ".join(parts))
    return lines


def files_of(arg):
    if os.path.isdir(arg):
        return [os.path.join(arg, n) for n in sorted(os.listdir(arg)) if n.endswith(".json")]
    return [arg]


def main(argv):
    summary, shows, args = False, [], []
    it = iter(argv)
    for a in it:
        if a == "--summary":
            summary = True
        elif a == "--show":
            shows.append(next(it, ""))
        else:
            args.append(a)
    if not args or "" in shows:
        print(f"usage: {PROG} [--summary] [--show FUNCTION]... MODELS_FILE_OR_FOLDER...", file=sys.stderr)
        return 2
    checker = Checker()
    files = [f for a in args for f in files_of(a)]
    if not files:
        print(f"{PROG}: error: no models files in {' '.join(args)}")
        return 1
    for path in files:
        checker.check_file(path)
    if checker.errors:
        return 1
    for name in shows:
        for line in show(name, checker.functions.get(name)):
            print(line)
    if summary:
        for lib, path, n_fn, n_eff in checker.stats:
            print(f"{lib}: {n_fn} functions, {n_eff} effects")
    n_fn = sum(s[2] for s in checker.stats)
    n_eff = sum(s[3] for s in checker.stats)
    print(f"{PROG}: {len(files)} files, {n_fn} functions, {n_eff} effects")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
