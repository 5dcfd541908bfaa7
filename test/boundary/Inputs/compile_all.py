"""Runs every command of a compile_commands.json with -fsyntax-only.

usage: compile_all.py compile_commands.json
Prints "ok FILE" per entry that compiles; exits 1 when any does not.
"""
import json
import os
import subprocess
import sys


def main():
    with open(sys.argv[1]) as f:
        entries = json.load(f)
    failed = 0
    for entry in entries:
        args = list(entry["arguments"])
        args = [a for a in args if a != "-c"] + ["-fsyntax-only"]
        rc = subprocess.call(args, cwd=entry["directory"])
        print("%s %s" % ("ok" if rc == 0 else "FAILED", os.path.basename(entry["file"])))
        failed += rc != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
