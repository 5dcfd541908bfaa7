#!/bin/sh
# check_scan_build.sh EXAMPLES-DIR LOG: each C-side warning line of every
# example of EXAMPLES-DIR/go.work in its expected.txt (cgo-lifetime's output on
# it; the Go side's checkers, cgo.Go* and cgo.MissingKeepAlive, are not
# scan-build's) must appear in LOG, the output of cgo-scan-build over the
# examples. Prints each one missing, then "found N of M", and exits 1 when one
# is missing.
set -u
examples=$1
log=$2
found=0
total=0
status=0
for dir in "$examples"/[0-9]*/; do
    name=$(basename "$dir")
    grep -q "^[[:space:]]*\./$name\$" "$examples/go.work" || continue
    grep ': warning: ' "$dir/expected.txt" |
        grep -v -E '\[cgo\.(Go[A-Za-z]*|MissingKeepAlive)\]$' > "$log.want" || continue
    while IFS= read -r line; do
        total=$((total + 1))
        if grep -qF -- "$line" "$log"; then
            found=$((found + 1))
        else
            echo "$name: not found by scan-build: $line"
            status=1
        fi
    done < "$log.want"
done
rm -f "$log.want"
echo "found $found of $total"
exit $status
