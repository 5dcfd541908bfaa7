#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The house style of the project's own source (docs/development.md, "Style").

    check_style.py ROOT [CLANG_FORMAT]

Checks every source file git knows under checker/, scripts/, bench/,
test/tools/ and cmake/ (test inputs and testdata, fuzz corpora and data files left out):
each has an SPDX-License-Identifier line; with CLANG_FORMAT, each C and C++
file (.c, .h, .cpp) is formatted as the .clang-format files say. Prints one
line per problem, then "style: N files checked, M problems"; exits 1 when
there is a problem. Test-only tool (test/style/style.test).
"""
import os
import re
import subprocess
import sys

SPDX = "SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception"
SKIP = re.compile(r"/(corpus|Inputs|testdata)/|\.(json|json\.in|md|png|txt|sum|mod)$|/copyright$")


def source_files(root):
    out = subprocess.run(
        ["git", "-C", root, "ls-files", "checker", "scripts", "bench", "test/tools", "cmake",
         "CMakeLists.txt"], capture_output=True, text=True, check=True).stdout.split()
    return [f for f in out if not SKIP.search(f) or f.endswith("CMakeLists.txt")]


def main(root, clang_format=None):
    problems = 0
    files = source_files(root)
    for f in files:
        path = os.path.join(root, f)
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = fh.read(4096)
        if SPDX not in head:
            print(f"{f}: no '{SPDX}' line")
            problems += 1
        if clang_format and f.endswith((".c", ".h", ".cpp")):
            res = subprocess.run([clang_format, "--dry-run", "-Werror", path],
                                 capture_output=True, text=True, cwd=root)
            if res.returncode != 0:
                first = next((l for l in res.stderr.splitlines() if "error:" in l), res.stderr.strip())
                print(f"{f}: not clang-formatted: {first.strip()}")
                problems += 1
    print(f"style: {len(files)} files checked, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
