#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Holds the two readers of docs/summaries.md to one reading (test/facts).

Every fixture of test/facts/Inputs (NAME.json, or a folder NAME/ whose *.json
files are read in name order) has its expected reading NAME.expected: one line
per function and per effect in the canonical form of
checker/analyzer/FactsDump.cpp and checker/vet/cfacts/dump.go, or the single
line `error: FILE:LINE:COL` of the first problem. This script reads each fixture
with the plugin (debug.cgo.DumpFacts, the files given as cgo:Models and
cgo:Summaries by their `kind`) and with the Go reader
(`cgo-lifetime-vet -dump-facts -models ... -summaries ...`), and compares both
readings with the expected one.

Usage: check_facts.py --clang 'CLANG -cc1 ... -load PLUGIN' --vet VET DIR
"""
import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys

ERROR = re.compile(r"error: (?:cgo-lifetime: )?(?:.*/)?([^/:\s]+\.json:\d+:\d+):")


def fixture_files(path):
    if os.path.isdir(path):
        return [os.path.join(path, f) for f in sorted(os.listdir(path)) if f.endswith(".json")]
    return [path]


def split_by_kind(files):
    models, summaries = [], []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            text = fh.read()
        (summaries if re.search(r'"kind"\s*:\s*"summaries"', text) else models).append(f)
    return ";".join(models), ";".join(summaries)


def reading(cmd):
    """The canonical reading a command printed, or its first error."""
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in run.stderr.splitlines():
        m = ERROR.search(line)
        if m:
            return ["error: " + m.group(1)]
    if run.returncode != 0:
        return ["exit %d: %s" % (run.returncode, run.stderr.strip())]
    return run.stdout.splitlines()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clang", required=True, help="clang -cc1 ... -load PLUGIN, as one string")
    ap.add_argument("--vet", required=True, help="the cgo-lifetime-vet binary")
    ap.add_argument("dir")
    args = ap.parse_args()
    failures = checked = 0
    for name in sorted(os.listdir(args.dir)):
        path = os.path.join(args.dir, name)
        stem = name[:-5] if name.endswith(".json") else name
        expected_path = os.path.join(args.dir, stem + ".expected")
        if name.endswith(".expected") or not (name.endswith(".json") or os.path.isdir(path)):
            continue
        if not os.path.exists(expected_path):
            print("check_facts: %s has no %s" % (name, stem + ".expected"))
            failures += 1
            continue
        with open(expected_path, encoding="utf-8") as fh:
            expected = fh.read().splitlines()
        models, summaries = split_by_kind(fixture_files(os.path.abspath(path)))
        plugin = shlex.split(args.clang) + [
            "-analyzer-checker=debug.cgo.DumpFacts", "-analyzer-config", "cgo:ShippedModels=false"]
        for option, value in (("cgo:Models", models), ("cgo:Summaries", summaries)):
            if value:  # clang refuses an empty value
                plugin += ["-analyzer-config", option + "=" + value]
        sides = {
            "plugin": plugin + ["-x", "c", os.devnull],
            "go": [args.vet, "-dump-facts", "-models", models, "-summaries", summaries],
        }
        for side, cmd in sides.items():
            checked += 1
            got = reading(cmd)
            if got != expected:
                failures += 1
                print("check_facts: %s: the %s reader disagrees with %s" % (name, side, stem + ".expected"))
                sys.stdout.writelines(line + "\n" for line in difflib.unified_diff(
                    expected, got, stem + ".expected", side, lineterm=""))
    print("check_facts: %d readings, %d disagree" % (checked, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
