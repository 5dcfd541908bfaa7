#!/bin/sh
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Build everything and run the whole lit suite. Ends with "N passed, M failed".
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv "$build/test" "$@" 2>&1 | tee "$log" || true
count() {
    sed -n "s/^ *$1 *: *\([0-9][0-9]*\) .*/\1/p" "$log" | head -n 1
}
p=$(count Passed); x=$(count "Expectedly Failed")
passed=$(( ${p:-0} + ${x:-0} ))
failed=0
for kind in Failed Unresolved 'Timed Out' 'Unexpectedly Passed'; do
    n=$(count "$kind")
    failed=$(( failed + ${n:-0} ))
done
u=$(count Unsupported)
skipped=${u:-0}
total=$(sed -n 's/^Total Discovered Tests: *\([0-9][0-9]*\).*/\1/p' "$log")
if [ -z "$total" ] || [ "$total" -eq 0 ]; then
    echo "lit ran no test" >&2
    failed=$(( failed + 1 ))
fi
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
