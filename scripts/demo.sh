#!/bin/sh
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Set up, build, and run cgo-lifetime on a bundled example (default: the
# headline bug, a Go map that keeps a C pointer after C frees it).
# Usage: scripts/demo.sh [PACKAGE_DIR]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
pkg=${1:-$root/examples/01-map-keeps-c-pointer}
echo "\$ cgo-lifetime $pkg" >&2
status=0
(cd "$pkg" && "$build/bin/cgo-lifetime" .) || status=$?
# 1 means "found bugs", which is what the example is for.
if [ "$status" -eq 1 ]; then
    echo "(exit status 1: findings; this example has a bug on purpose)" >&2
    exit 0
fi
exit "$status"
