#!/bin/sh
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Configure and build cgo-lifetime.
# Usage: scripts/build.sh [--llvm N]
#   no --llvm   into $BUILD_DIR (default: build/), for the LLVM that build/ was configured
#               with, else the default one (scripts/llvm-version.sh: the newest installed)
#   --llvm N    for LLVM/Clang N, into $BUILD_DIR (default: build-N/)
# scripts/setup.sh first installs what is missing (the LLVM release too).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
version=""
while [ $# -gt 0 ]; do
    case $1 in
    --llvm) [ $# -ge 2 ] || { echo "build: --llvm needs a version" >&2; exit 2; }
        version=$2; shift ;;
    --llvm=*) version=${1#--llvm=} ;;
    *) echo "build: unknown argument: $1 (usage: build.sh [--llvm N])" >&2; exit 2 ;;
    esac
    shift
done
if [ -n "$version" ]; then
    build=${BUILD_DIR:-$root/build-$version}
else
    build=${BUILD_DIR:-$root/build}
    # An existing build directory keeps the release it was configured for.
    if [ -f "$build/CMakeCache.txt" ]; then
        version=$(sed -n 's/^CGO_LLVM_MAJOR:INTERNAL=//p' "$build/CMakeCache.txt")
    fi
    [ -n "$version" ] || version=$("$root/scripts/llvm-version.sh")
fi
"$root/scripts/setup.sh" --llvm "$version"
if [ ! -f "$build/build.ninja" ]; then
    # The Go side (checker/vet) needs Go 1.26 to build, and the test suite's
    # expected outputs are the current Go's (cgo's generated line numbers, go
    # vet's format; Debian's Go 1.19 has tests of its own, feature go119): the
    # go on PATH when it is new enough, else Go's toolchain module fetched once
    # from the Go module proxy (scripts/go-toolchain.sh), for the build and the
    # tests only. Without either, the rest builds and the tests that need the
    # Go side are skipped or say it is missing.
    go_new=$("$root/scripts/go-toolchain.sh" || true)
    # clang++ compiles the checker faster and in less memory than g++; the clang of the
    # same release is installed anyway.
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLLVM_VERSION="$version" \
        -DCMAKE_C_COMPILER="clang-$version" -DCMAKE_CXX_COMPILER="clang++-$version" \
        ${go_new:+"-DCGO_VET_GO=$go_new"} ${go_new:+"-DCGO_GO=$go_new"} >/dev/null
fi
ninja -C "$build" -j "${JOBS:-2}" >&2
# CodeChecker for its integration test; skipped (not failed) without the network.
"$root/scripts/codechecker-venv.sh" "$build"
