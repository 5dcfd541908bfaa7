#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Merge the cgo checkers' labels (severity, profiles, guidelines, doc_url) into CodeChecker's.

CodeChecker (6.2x) reads checker labels from one directory only,
<data dir>/config/labels/analyzers/*.json, one file per analyzer. A second
file for the same analyzer does not add to the first: it replaces it (which one
wins depends on the directory order), so dropping a "clangsa" file beside
CodeChecker's own would lose the labels of every built-in checker. This script
therefore merges the cgo entries into CodeChecker's own clangsa file, in place
and idempotently; --remove takes them out again. Run it after each install or
upgrade of CodeChecker, on the analysing machines and on the server (restart the
server: it updates the severity of stored reports when it starts).

usage: merge-labels.py [--labels FILE] [--codechecker EXE | --labels-dir DIR] [--remove]
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

PROG = "merge-labels"
SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "STYLE", "UNSPECIFIED")
UNIQUE = ("severity", "blacklist", "description")


class Error(Exception):
    """A problem the user can fix; reported as one line."""


def parse_args(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    p.add_argument("--labels", default=os.path.join(here, "cgo-checker-labels.json"),
                   help="the cgo labels file (default: %(default)s)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--codechecker", metavar="EXE",
                       help="the CodeChecker command whose labels to change (default: CodeChecker on PATH)")
    where.add_argument("--labels-dir", metavar="DIR",
                       help="CodeChecker's labels directory (the one holding analyzers/)")
    p.add_argument("--remove", action="store_true", help="remove the cgo entries instead of adding them")
    return p.parse_args(argv)


def load_json(path, what):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        raise Error(f"cannot read {what} {path}: {e.strerror}")
    except ValueError as e:
        raise Error(f"{what} {path} is not valid JSON: {e}")


def check_labels(data, path):
    """The shape CodeChecker itself insists on; a bad file must not reach it."""
    if not isinstance(data, dict) or not isinstance(data.get("analyzer"), str) \
            or not isinstance(data.get("labels"), dict) or not data["labels"]:
        raise Error(f"{path}: expected {{\"analyzer\": NAME, \"labels\": {{CHECKER: [LABEL, ...]}}}}")
    for checker, labels in data["labels"].items():
        if not isinstance(labels, list) or not all(isinstance(s, str) and ":" in s for s in labels):
            raise Error(f"{path}: labels of {checker} must be a list of \"key:value\" strings")
        keys = [s.split(":", 1)[0].strip() for s in labels]
        for key in UNIQUE:
            if keys.count(key) > 1:
                raise Error(f"{path}: {checker} has more than one '{key}' label")
        for s in labels:
            key, value = (x.strip() for x in s.split(":", 1))
            if key == "severity" and value not in SEVERITIES:
                raise Error(f"{path}: {checker} has unknown severity '{value}'")


def labels_dir_of(codechecker):
    """CodeChecker's labels directory, found from where its command is installed."""
    exe = codechecker or shutil.which("CodeChecker")
    if not exe or not os.path.exists(exe):
        raise Error(f"CodeChecker not found ({codechecker or 'not on PATH'}); give --codechecker or --labels-dir")
    tried = []
    for path in dict.fromkeys((os.path.abspath(exe), os.path.realpath(exe))):
        prefix = os.path.dirname(os.path.dirname(path))
        # pip/pipx: PREFIX/bin/CodeChecker + PREFIX/share/codechecker; a package built from
        # source: CodeChecker/bin/CodeChecker + CodeChecker/config.
        for cand in (os.path.join(prefix, "share", "codechecker", "config", "labels"),
                     os.path.join(prefix, "config", "labels")):
            tried.append(cand)
            if os.path.isdir(os.path.join(cand, "analyzers")):
                return cand
    raise Error(f"no CodeChecker labels directory beside {exe} (tried {', '.join(tried)}); give --labels-dir")


def analyzer_file(labels_dir, analyzer):
    """The file in labels_dir/analyzers that holds the labels of `analyzer`."""
    adir = os.path.join(labels_dir, "analyzers")
    try:
        names = sorted(n for n in os.listdir(adir) if n.endswith(".json"))
    except OSError as e:
        raise Error(f"cannot list {adir}: {e.strerror}")
    found = [os.path.join(adir, n) for n in names
             if load_json(os.path.join(adir, n), "labels file").get("analyzer") == analyzer]
    if len(found) != 1:
        raise Error(f"expected one '{analyzer}' labels file in {adir}, found {len(found)}")
    return found[0]


def write_atomically(path, data):
    """Replace path with data, never leaving a half-written file."""
    d = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(prefix=".cgo-labels-", suffix=".json", dir=d)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2, ensure_ascii=False)
            f.write("\n")
        os.chmod(tmp, os.stat(path).st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def merge(target, ours, remove):
    """Add (or remove) our checkers' entries; returns how many changed."""
    labels = target["labels"]
    changed = 0
    for checker, values in ours["labels"].items():
        if remove:
            changed += labels.pop(checker, None) is not None
        elif labels.get(checker) != values:
            labels[checker] = values
            changed += 1
    target["labels"] = dict(sorted(labels.items()))
    return changed


def main(argv):
    args = parse_args(argv)
    ours = load_json(args.labels, "labels file")
    check_labels(ours, args.labels)
    labels_dir = args.labels_dir or labels_dir_of(args.codechecker)
    path = analyzer_file(labels_dir, ours["analyzer"])
    target = load_json(path, "labels file")
    if not isinstance(target, dict) or not isinstance(target.get("labels"), dict):
        raise Error(f"{path}: not a CodeChecker labels file (no \"labels\" object)")
    changed = merge(target, ours, args.remove)
    if changed:
        try:
            write_atomically(path, target)
        except OSError as e:
            raise Error(f"cannot write {path}: {e.strerror}")
    verb = "removed from" if args.remove else "merged into"
    print(f"{PROG}: {len(ours['labels'])} cgo checkers' labels {verb} {path} ({changed} changed)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Error as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        sys.exit(1)
