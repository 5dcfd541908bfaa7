#!/bin/sh
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Install what cgo-lifetime needs on Debian 12 and do nothing when it is all there.
# Usage: scripts/setup.sh [--llvm N]...    (as root, or with sudo available)
#   --llvm N   the LLVM/Clang release(s) to build for (Debian 12 has 14, 15, 16 and 19);
#              default: $LLVM_VERSION, else the newest installed (scripts/llvm-version.sh),
#              else 19.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)

versions=""
while [ $# -gt 0 ]; do
    case $1 in
    --llvm) [ $# -ge 2 ] || { echo "setup: --llvm needs a version" >&2; exit 2; }
        versions="$versions $2"; shift ;;
    --llvm=*) versions="$versions ${1#--llvm=}" ;;
    *) echo "setup: unknown argument: $1 (usage: setup.sh [--llvm N]...)" >&2; exit 2 ;;
    esac
    shift
done
[ -n "$versions" ] || versions=$("$root/scripts/llvm-version.sh")

# Per release: the libraries and headers the plugin, the clang-tidy module and the C tools
# build with, and the clang, scan-build, clang-tidy and lit + FileCheck they run with.
# libclang-rt-N-dev (the sanitizer runtimes: the examples' `go build -asan`) where Debian
# has it: 14, 16 and 19 (15's are in libclang-common-15-dev, which clang-15 pulls in).
LLVM_PKGS=""
LLVM_OPTIONAL=""
for v in $versions; do
    case $v in *[!0-9]* | "") echo "setup: not an LLVM major version: $v" >&2; exit 2 ;; esac
    LLVM_PKGS="$LLVM_PKGS llvm-$v-dev libclang-$v-dev libclang-cpp$v-dev clang-$v clang-tools-$v"
    LLVM_PKGS="$LLVM_PKGS clang-tidy-$v llvm-$v-tools"
    LLVM_OPTIONAL="$LLVM_OPTIONAL libclang-rt-$v-dev"
done
# The suite's lit lines need lit 16 or newer (DEFINE:); for 14 and 15 the lit of
# llvm-19-tools runs it (2.5 MB, no LLVM libraries; test/CMakeLists.txt).
new_lit=""
for v in $versions; do
    [ "$v" -ge 16 ] && new_lit=yes
done
for d in /usr/lib/llvm-*/build/utils/lit/lit.py; do
    n=${d#/usr/lib/llvm-}; n=${n%%/*}
    case $n in *[!0-9]* | "") continue ;; esac
    [ "$n" -ge 16 ] && new_lit=yes
done
[ -n "$new_lit" ] || LLVM_PKGS="$LLVM_PKGS llvm-19-tools"
# clang-format-19: the project's C and C++ style (.clang-format, test/style), whichever
# release is built for; with 19's packages (a build for 14 alone skips the style test).
case " $versions " in *" 19 "*) LLVM_PKGS="$LLVM_PKGS clang-format-19" ;; esac
# gcc: cgo's default C compiler (go tool cgo, go build); pkg-config: #cgo pkg-config;
# python3-venv: the CodeChecker virtualenv (scripts/codechecker-venv.sh);
# libjansson-dev: JSON in the C tools (checker/support/json.c).
OTHER_PKGS="ninja-build cmake python3 python3-venv gcc pkg-config libjansson-dev golang-1.19-go pre-commit git"

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}
# Does the archive have a version of this package? (Only meaningful after apt-get
# update; `apt-cache show` also succeeds for a name that other packages only mention.)
available() {
    [ -n "$(apt-cache madison "$1" 2>/dev/null)" ]
}

missing=""
for p in $LLVM_PKGS $OTHER_PKGS; do
    installed "$p" || missing="$missing $p"
done
optional=""
for p in $LLVM_OPTIONAL; do
    installed "$p" || optional="$optional $p"
done
if ! command -v go >/dev/null 2>&1; then
    missing="$missing golang-go"
fi

# An optional package that is not installed: installed only when the archive has it. Known
# without a download when apt's lists are there; else it waits for a needed update.
if [ -z "$missing" ] && [ -n "$optional" ]; then
    wanted=""
    for p in $optional; do
        available "$p" && wanted="$wanted $p"
    done
    optional=$wanted
fi
if [ -z "$missing" ] && [ -z "$optional" ]; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "setup: need root to install:$missing$optional" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
if [ -n "$missing" ]; then
    $SUDO apt-get update -qq >/dev/null
fi
for p in $optional; do
    available "$p" && missing="$missing $p"
done
echo "setup: installing:$missing" >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
