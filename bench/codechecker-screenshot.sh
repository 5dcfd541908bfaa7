#!/bin/sh
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Screenshot of CodeChecker's web view showing a cgo report with its notes, for
# docs/integrations/codechecker.md. Runs the tested recipe
# (test/integrations/Inputs/codechecker-recipe.sh) on an example and its fixed
# twin, and while its server runs, headless Chromium loads the report's page.
# Not run by CI. Needs chromium (apt-get install chromium) and the CodeChecker
# virtualenv (scripts/codechecker-venv.sh).
# Usage: bench/codechecker-screenshot.sh [EXAMPLE] [OUT.png]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
example=${1:-01-map-keeps-c-pointer}
out=${2:-$root/docs/integrations/images/codechecker-report.png}
chromium=${CHROMIUM:-chromium}
command -v "$chromium" >/dev/null || { echo "codechecker-screenshot: no $chromium (apt-get install chromium)" >&2; exit 1; }
[ -x "$build/codechecker-venv/bin/CodeChecker" ] || { echo "codechecker-screenshot: no CodeChecker in $build/codechecker-venv" >&2; exit 1; }
[ -d "$root/examples/$example/fixed" ] || { echo "codechecker-screenshot: no examples/$example/fixed" >&2; exit 1; }
case $out in /*) ;; *) out=$PWD/$out ;; esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/examples"
cp -r "$root/examples/$example" "$tmp/examples/"

# The hook runs with the server up; $1 is the product URL. The page of the run's first report.
export CGO_SHOT_OUT="$out" CGO_SHOT_TMP="$tmp" CGO_SHOT_CHROMIUM="$chromium" CGO_SHOT_VENV="$build/codechecker-venv"
export CODECHECKER_RECIPE_HOOK='
id=$("$CGO_SHOT_VENV/bin/CodeChecker" cmd results cgo-buggy -o json --url "$1" 2>/dev/null |
     "$CGO_SHOT_VENV/bin/python" -c "import json, sys; print(json.load(sys.stdin)[0][\"reportId\"])")
"$CGO_SHOT_CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$CGO_SHOT_TMP/chromium" --window-size=1500,860 --virtual-time-budget=15000 \
    --screenshot="$CGO_SHOT_OUT" "$1/report-detail?run=cgo-buggy&report-id=$id" 2>"$CGO_SHOT_TMP/chromium.log"
'
sh "$root/test/integrations/Inputs/codechecker-recipe.sh" "$build/codechecker-venv" "$build" "$tmp/work" \
    "$tmp/examples/$example" "$tmp/examples/$example/fixed" >"$tmp/recipe.out" ||
    { cat "$tmp/recipe.out" "$tmp/chromium.log" >&2 2>/dev/null; exit 1; }
[ -s "$out" ] || { echo "codechecker-screenshot: no screenshot written" >&2; exit 1; }
echo "codechecker-screenshot: $out"
