#!/bin/sh
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Build everything and run the whole lit suite. Ends with "N passed, M failed, K skipped".
# Usage: scripts/test.sh [--llvm N]... [--llvm-matrix] [LIT-OPTION...]
#   no --llvm      the suite against the default LLVM, in build/ (scripts/build.sh)
#   --llvm N       the suite against LLVM/Clang N, in build-N/ (repeatable)
#   --llvm-matrix  what CI runs (.ci/run): the whole suite in build/ (the default release),
#                  then the whole suite against every other tested release
#                  (cmake/tested-llvm-versions.txt), each in build-N/
# Each run's lit summary is printed as it ends, with the time its build and its tests took
# ("LLVM 14: passed 87, failed 0, skipped 3; build 95 s, tests 250 s"); the last line counts
# all of them.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)

runs=""   # "VERSION" entries; "-" is the default build directory
matrix=0
while [ $# -gt 0 ]; do
    case $1 in
    --llvm) [ $# -ge 2 ] || { echo "test: --llvm needs a version" >&2; exit 2; }
        runs="$runs $2"; shift ;;
    --llvm=*) runs="$runs ${1#--llvm=}" ;;
    --llvm-matrix) matrix=1 ;;
    *) break ;;
    esac
    shift
done
# What is left in "$@" goes to lit.
if [ "$matrix" = 1 ]; then
    [ -z "$runs" ] || { echo "test: --llvm-matrix takes no --llvm" >&2; exit 2; }
    default=$("$root/scripts/llvm-version.sh")
    runs="-"
    for v in $("$root/scripts/llvm-version.sh" --tested); do
        [ "$v" = "$default" ] || runs="$runs $v"
    done
    # Every release at once: one apt-get run on a fresh machine.
    # shellcheck disable=SC2046
    "$root/scripts/setup.sh" $(for v in $("$root/scripts/llvm-version.sh" --tested); do echo --llvm "$v"; done)
fi
[ -n "$runs" ] || runs="-"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
total_passed=0 total_failed=0 total_skipped=0

# "  Passed: 12 (92.31%)" (newer lit) or "  Passed     : 12" (lit 16).
count() {
    sed -n "s/^ *$1 *: *\([0-9][0-9]*\)\( .*\)\{0,1\}\$/\1/p" "$log" | head -n 1
}

# The LLVM major version build directory $1 is configured for.
major_of() {
    sed -n 's/^CGO_LLVM_MAJOR:INTERNAL=//p' "$1/CMakeCache.txt"
}

# One lit run over build directory $1 (for LLVM $2, built in $3 seconds), with lit
# options $4...; adds to the totals.
run_lit() {
    build=$1 label=$2 built=$3
    shift 3
    started=$(date +%s)
    lit=$(sed -n 's/^CGO_LIT_PATH:INTERNAL=//p' "$build/CMakeCache.txt")
    [ -f "$lit" ] || lit=/usr/lib/llvm-$(major_of "$build")/build/utils/lit/lit.py
    : >"$log"
    python3 "$lit" -sv "$build/test" "$@" 2>&1 | tee "$log" || true
    p=$(count Passed); x=$(count "Expectedly Failed")
    passed=$(( ${p:-0} + ${x:-0} ))
    failed=0
    for kind in Failed Unresolved 'Timed Out' 'Unexpectedly Passed'; do
        n=$(count "$kind")
        failed=$(( failed + ${n:-0} ))
    done
    u=$(count Unsupported)
    skipped=${u:-0}
    if [ $(( passed + failed + skipped )) -eq 0 ]; then
        echo "lit ran no test in $build" >&2
        failed=$(( failed + 1 ))
    fi
    echo "LLVM $label: passed $passed, failed $failed, skipped $skipped; build $built s, tests $(( $(date +%s) - started )) s"
    total_passed=$(( total_passed + passed ))
    total_failed=$(( total_failed + failed ))
    total_skipped=$(( total_skipped + skipped ))
}

for v in $runs; do
    started=$(date +%s)
    if [ "$v" = - ]; then
        "$root/scripts/build.sh"
        build=${BUILD_DIR:-$root/build}
        run_lit "$build" "$(major_of "$build")" $(( $(date +%s) - started )) "$@"
    else
        BUILD_DIR=$root/build-$v "$root/scripts/build.sh" --llvm "$v"
        run_lit "$root/build-$v" "$v" $(( $(date +%s) - started )) "$@"
    fi
done

echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
[ "$total_failed" -eq 0 ]
