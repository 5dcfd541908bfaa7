#!/bin/sh
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Writes the files generated from checker/include/cgo-lifetime/Checkers.def:
#   docs/checkers/README.md               the index of the checkers (scripts/checker-index.c)
#   checker/vet/checkers/checkers_def.go  the Go side's checkers (scripts/checker-names-go.c)
# With --check, writes nothing and fails when a committed file is stale.
# `go generate ./checkers` in checker/vet runs it too.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cc=${CC:-clang-$("$root/scripts/llvm-version.sh")}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for gen in checker-index checker-names-go; do
    "$cc" -std=c11 -Wall -Wextra -pedantic -Werror -I "$root/checker/include" \
        -o "$tmp/$gen" "$root/scripts/$gen.c"
done
"$tmp/checker-index" > "$tmp/README.md"
"$tmp/checker-names-go" > "$tmp/checkers_def.go"
stale=0
for pair in "README.md:docs/checkers/README.md" "checkers_def.go:checker/vet/checkers/checkers_def.go"; do
    out=${pair%%:*}
    dest="$root/${pair#*:}"
    if [ "${1:-}" = --check ]; then
        if ! diff -u "$dest" "$tmp/$out"; then
            echo "checker-index: $dest is stale: run scripts/checker-index.sh" >&2
            stale=1
        fi
    else
        cp "$tmp/$out" "$dest"
    fi
done
exit $stale
