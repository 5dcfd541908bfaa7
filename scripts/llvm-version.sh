#!/bin/sh
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The LLVM/Clang major version the scripts build for when none is given:
# $LLVM_VERSION, else the newest /usr/lib/llvm-N with LLVM's CMake files (what
# CMake picks too, cmake/LLVMVersion.cmake), else 19 (what setup.sh installs).
# With --tested: the versions CI builds and tests (cmake/tested-llvm-versions.txt).
set -eu
if [ "${1:-}" = --tested ]; then
    cat "$(dirname "$0")/../cmake/tested-llvm-versions.txt"
    exit 0
fi
if [ -n "${LLVM_VERSION:-}" ]; then
    echo "$LLVM_VERSION"
    exit 0
fi
best=""
for d in /usr/lib/llvm-*; do
    v=${d#/usr/lib/llvm-}
    case $v in *[!0-9]* | "") continue ;; esac
    [ -f "$d/lib/cmake/llvm/LLVMConfig.cmake" ] || continue
    if [ -z "$best" ] || [ "$v" -gt "$best" ]; then
        best=$v
    fi
done
echo "${best:-19}"
