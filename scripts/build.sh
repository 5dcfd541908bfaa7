#!/bin/sh
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Configure and build cgo-lifetime into $BUILD_DIR (default: build/).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
build=${BUILD_DIR:-$root/build}
if [ ! -f "$build/build.ninja" ]; then
    # The Go side (checker/vet) needs Go 1.26 to build, and the test suite's
    # expected outputs are the current Go's (cgo's generated line numbers, go
    # vet's format; Debian's Go 1.19 has tests of its own, feature go119): the
    # go on PATH when it is new enough, else Go's toolchain module fetched once
    # from the Go module proxy (scripts/go-toolchain.sh), for the build and the
    # tests only. Without either, the rest builds and the tests that need the
    # Go side are skipped or say it is missing.
    go_new=$("$root/scripts/go-toolchain.sh" || true)
    # clang++-19 compiles the checker faster and in less memory than g++.
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
        ${go_new:+"-DCGO_VET_GO=$go_new"} ${go_new:+"-DCGO_GO=$go_new"} >/dev/null
fi
ninja -C "$build" -j "${JOBS:-2}" >&2
# CodeChecker for its integration test; skipped (not failed) without the network.
"$root/scripts/codechecker-venv.sh" "$build"
