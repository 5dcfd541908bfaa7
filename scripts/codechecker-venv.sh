#!/bin/sh
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Install CodeChecker from PyPI into a virtualenv in the build tree, for
# test/integrations/codechecker.test (docs/integrations/codechecker.md).
# Does nothing when that version is there already. Never fails the build: without
# the network (or with CGO_CODECHECKER=off) it says so and the test is skipped.
# Usage: scripts/codechecker-venv.sh [BUILD_DIR]
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${BUILD_DIR:-$root/build}}
version=6.29.1
venv=$build/codechecker-venv
stamp=$venv/cgo-lifetime-codechecker-version

if [ "${CGO_CODECHECKER:-on}" = off ]; then
    exit 0
fi
if [ -x "$venv/bin/CodeChecker" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
    exit 0
fi

skip() {
    echo "codechecker-venv: $1; integrations/codechecker.test will be skipped" >&2
    rm -rf "$venv"
    exit 0
}

echo "codechecker-venv: installing CodeChecker $version from PyPI into $venv" >&2
rm -rf "$venv"
"${PYTHON:-python3}" -m venv "$venv" >/dev/null 2>&1 || skip "cannot create a virtualenv (Debian: apt-get install python3-venv)"
log=$build/codechecker-venv.log
if ! "$venv/bin/pip" install --disable-pip-version-check --retries 2 --timeout 20 -q "codechecker==$version" >"$log" 2>&1; then
    skip "pip install codechecker==$version failed (see $log)"
fi
"$venv/bin/CodeChecker" version >/dev/null 2>&1 || skip "the installed CodeChecker does not run"
echo "$version" >"$stamp"
