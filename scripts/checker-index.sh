#!/bin/sh
# Writes docs/checkers/README.md, the index of the checkers, from
# checker/include/cgo-lifetime/Checkers.def (through scripts/checker-index.c).
# With --check, writes nothing and fails when the committed index is stale.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cc=${CC:-clang-$("$root/scripts/llvm-version.sh")}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cc" -std=c11 -Wall -Wextra -pedantic -Werror -I "$root/checker/include" \
    -o "$tmp/checker-index" "$root/scripts/checker-index.c"
"$tmp/checker-index" > "$tmp/README.md"
index="$root/docs/checkers/README.md"
if [ "${1:-}" = --check ]; then
    if ! diff -u "$index" "$tmp/README.md"; then
        echo "checker-index: $index is stale: run scripts/checker-index.sh" >&2
        exit 1
    fi
    exit 0
fi
cp "$tmp/README.md" "$index"
