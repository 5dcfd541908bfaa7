#!/bin/sh
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Install what cgo-lifetime needs on Debian 12 and do nothing when it is all there.
# Usage: scripts/setup.sh            (as root, or with sudo available)
set -eu

LLVM_PKGS="llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-19 clang-tools-19 clang-tidy-19 clang-format-19 llvm-19-tools libclang-rt-19-dev"
# gcc: cgo's default C compiler (go tool cgo, go build); pkg-config: #cgo pkg-config;
# python3-venv: the CodeChecker virtualenv (scripts/codechecker-venv.sh);
# libjansson-dev: JSON in the C tools (checker/support/json.c).
OTHER_PKGS="ninja-build cmake python3 python3-venv gcc pkg-config libjansson-dev golang-1.19-go pre-commit git"

missing=""
for p in $LLVM_PKGS $OTHER_PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
if ! command -v go >/dev/null 2>&1; then
    missing="$missing golang-go"
fi

if [ -z "$missing" ]; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "setup: need root to install:$missing" >&2
        exit 1
    fi
fi

echo "setup: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
