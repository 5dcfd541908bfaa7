#!/bin/sh
# The recipe of docs/integrations/codechecker.md, end to end, as a team would run
# it: compile database and manifest from cgo-boundary, CodeChecker analysis with
# the cgo checkers (cgo-clang as CodeChecker's clangsa binary), labels merged into
# CodeChecker's, results stored to a local server (sqlite workspace, loopback port,
# stopped on exit whatever happens) and listed with `CodeChecker cmd`.
#
# usage: codechecker-recipe.sh VENV PREFIX WORK PACKAGE FIXED_PACKAGE
#   VENV     a virtualenv with CodeChecker (scripts/codechecker-venv.sh)
#   PREFIX   the cgo-lifetime build tree or install prefix (bin/cgo-clang, bin/cgo-boundary,
#            share/cgo-lifetime/codechecker/)
#   WORK     an empty directory for everything this writes
#   PACKAGE, FIXED_PACKAGE   a cgo package with a bug and its fixed twin
# Prints each step's output under a "## step" line; exits nonzero if a step fails.
# CODECHECKER_RECIPE_HOOK, if set, is a shell command run at the end, before the server
# stops, with the product URL as $1 (bench/codechecker-screenshot.sh).
set -eu
[ $# -eq 5 ] || { echo "usage: codechecker-recipe.sh VENV PREFIX WORK PACKAGE FIXED_PACKAGE" >&2; exit 2; }
mkdir -p "$3"
abs() { (cd "$1" && pwd); }
venv=$(abs "$1") prefix=$(abs "$2") work=$(abs "$3") buggy=$(abs "$4") fixed=$(abs "$5")

# CodeChecker keeps its list of running servers and its sessions in HOME: a private one.
mkdir -p "$work/home"
CodeChecker() { HOME="$work/home" command CodeChecker "$@"; }
export PATH="$venv/bin:$prefix/bin:$PATH"
export COLUMNS=200  # CodeChecker's tables fit the terminal; keep rows on one line
# CodeChecker runs cgo-clang as its Clang Static Analyzer. clang-tidy is named too: CodeChecker
# 6.29 crashes validating --checker-config when it finds no clang-tidy.
# The clang-tidy of the release the plugin is built for, beside its clang.
export CC_ANALYZER_BIN="clangsa:$prefix/bin/cgo-clang;clang-tidy:$(dirname "$(cgo-lifetime --print-clang-path)")/clang-tidy"
share=$prefix/share/cgo-lifetime/codechecker
server_pid=""
port=""

stop_server() {
    [ -n "$server_pid" ] || return 0
    CodeChecker server -w "$work/workspace" -v "$port" --stop >"$work/server-stop.log" 2>&1 || true
    # The server runs in its own process group (setsid): wait for the group, workers included,
    # to end (~3 s), else end it. The external kill: dash's builtin takes no process group.
    n=0
    while env kill -s 0 -- "-$server_pid" 2>/dev/null && [ $n -lt 100 ]; do
        sleep 0.2
        n=$((n + 1))
    done
    if env kill -s TERM -- "-$server_pid" 2>/dev/null; then
        echo "codechecker-recipe: the server did not stop on --stop" >&2
        sleep 2
        env kill -s KILL -- "-$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}
trap stop_server EXIT
trap 'exit 130' INT TERM

step() { echo "## $*"; }

step "labels"
python3 "$share/merge-labels.py" --codechecker "$venv/bin/CodeChecker"
CodeChecker checkers --analyzers clangsa --label severity:HIGH 2>/dev/null | grep '^cgo\.'

# 1. Log the compilation: cgo-boundary writes the package's compile database and its manifest.
for pkg in buggy fixed; do
    eval dir=\$$pkg
    cgo-boundary --cache-dir "$work/cache" -o "$work/$pkg.manifest.json" \
        --compdb "$work/$pkg.compile_commands.json" "$dir" >/dev/null
done

# 2. Analyse with the cgo checkers on, the manifest given as their option.
for pkg in buggy fixed; do
    step "analyze $pkg"
    CodeChecker analyze "$work/$pkg.compile_commands.json" --analyzers clangsa -e cgo \
        --checker-config "clangsa:cgo:Manifest=$work/$pkg.manifest.json" \
        -o "$work/$pkg.reports" >"$work/$pkg.analyze.log" 2>&1 || { cat "$work/$pkg.analyze.log"; exit 1; }
    grep -E 'Successfully analyzed|clangsa: [0-9]' "$work/$pkg.analyze.log" | sed 's/^\[[^]]*\] - //'
done

# The checkers are CodeChecker's own now: with the labels merged they are in the default
# profile (no -e cgo needed), and one is disabled by name.
step "analyze buggy, default profile"
CodeChecker analyze "$work/buggy.compile_commands.json" --analyzers clangsa \
    --checker-config "clangsa:cgo:Manifest=$work/buggy.manifest.json" \
    -o "$work/default.reports" >"$work/default.analyze.log" 2>&1 || { cat "$work/default.analyze.log"; exit 1; }
CodeChecker parse "$work/default.reports" 2>/dev/null | grep -E '^\[[A-Z]+\] |Found no defects in' || true
step "analyze buggy -d cgo.FreedToGo"
CodeChecker analyze "$work/buggy.compile_commands.json" --analyzers clangsa -e cgo -d cgo.FreedToGo \
    --checker-config "clangsa:cgo:Manifest=$work/buggy.manifest.json" \
    -o "$work/disabled.reports" >"$work/disabled.analyze.log" 2>&1 || { cat "$work/disabled.analyze.log"; exit 1; }
CodeChecker parse "$work/disabled.reports" 2>/dev/null | grep -E '^\[[A-Z]+\] |Found no defects in' || true

# 3. A local server: sqlite workspace, loopback port.
port=$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port/Default"
HOME="$work/home" setsid CodeChecker server -w "$work/workspace" --host 127.0.0.1 -v "$port" >"$work/server.log" 2>&1 &
server_pid=$!
n=0
until CodeChecker cmd runs --url "$url" >/dev/null 2>&1; do
    if ! kill -0 "$server_pid" 2>/dev/null || [ $n -ge 300 ]; then
        echo "codechecker-recipe: the server did not start:" >&2
        cat "$work/server.log" >&2
        exit 1
    fi
    sleep 0.2
    n=$((n + 1))
done
echo "$port" >"$work/port"

step "store"
# Paths are stored relative to the directory that holds the packages (the repository root).
# One store at a time: two first stores into a fresh sqlite database race to add the same
# checkers, and one of them waits 30 s to retry.
root=$(dirname "$buggy")
for pkg in buggy fixed; do
    CodeChecker store "$work/$pkg.reports" -n "cgo-$pkg" --trim-path-prefix "$root" --url "$url" \
        >"$work/store-$pkg.log" 2>&1 || { cat "$work/store-$pkg.log"; exit 1; }
    echo "$pkg: $(grep -h 'Storing the reports finished successfully' "$work/store-$pkg.log" | sed 's/^\[[^]]*\] - //')"
done

# 4. List them.
step "cmd runs"
CodeChecker cmd runs --url "$url" 2>/dev/null
step "cmd results cgo-buggy"
CodeChecker cmd results cgo-buggy --url "$url" 2>/dev/null
step "cmd results cgo-fixed"
CodeChecker cmd results cgo-fixed --url "$url" -o json 2>/dev/null
echo
step "cmd results cgo-buggy --details"
CodeChecker cmd results cgo-buggy --details -o json --url "$url" 2>/dev/null >"$work/details.json"
"$venv/bin/python" - "$work/details.json" <<'EOF'
import json, os, sys
for r in json.load(open(sys.argv[1])):
    print(f"{r['checkerId']} {os.path.basename(r['checkedFile'])}:{r['line']}:{r['column']}: {r['checkerMsg']}")
    for e in r["details"]["pathEvents"]:
        print(f"  {os.path.basename(e['filePath'])}:{e['startLine']}:{e['startCol']}: {e['msg']}")
EOF
# cmd diff exits 2 when it lists reports.
step "cmd diff cgo-buggy cgo-fixed --resolved --print-steps"
rc=0
CodeChecker cmd diff -b cgo-buggy -n cgo-fixed --resolved --print-steps --url "$url" 2>/dev/null || rc=$?
echo "exit status $rc"
step "cmd diff cgo-buggy cgo-fixed --new"
rc=0
CodeChecker cmd diff -b cgo-buggy -n cgo-fixed --new --url "$url" 2>/dev/null || rc=$?
echo "exit status $rc"
# bench/codechecker-screenshot.sh looks at the web view while the server still runs.
if [ -n "${CODECHECKER_RECIPE_HOOK:-}" ]; then
    step "hook"
    HOME="$work/home" sh -c "$CODECHECKER_RECIPE_HOOK" hook "$url"
fi
step "done"
