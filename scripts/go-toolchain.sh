#!/bin/sh
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Prints the path of a go command that can build the Go side, cgo-lifetime-vet
# (checker/vet: golang.org/x/tools v0.52.0 needs Go 1.26). The go on PATH when
# it is new enough; else Go's own toolchain module (golang.org/toolchain, what
# GOTOOLCHAIN switches to) for go1.26.8, fetched from the Go module proxy with
# the go that is there (Debian's 1.19 will do: `go mod download` checks the
# download against the checksum database) and kept in
# ${XDG_CACHE_HOME:-~/.cache}/cgo-lifetime/toolchain/. Only the build uses it;
# the tools run with the user's Go (any from 1.19).
# Prints nothing and exits 1, with one line on stderr, when there is no way.
set -eu
want_minor=26
version=1.26.8

minor_of() {
    GOTOOLCHAIN=local "$1" env GOVERSION 2>/dev/null | sed -n 's/^go1\.\([0-9][0-9]*\).*/\1/p'
}

if command -v go >/dev/null 2>&1; then
    m=$(minor_of "$(command -v go)")
    if [ -n "$m" ] && [ "$m" -ge "$want_minor" ]; then
        command -v go
        exit 0
    fi
fi

cache=${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/cgo-lifetime/toolchain
goroot=$cache/go$version
if [ -x "$goroot/bin/go" ] && [ "$(minor_of "$goroot/bin/go")" = "$want_minor" ]; then
    echo "$goroot/bin/go"
    exit 0
fi

bootstrap=""
for g in go /usr/lib/go-1.19/bin/go /usr/lib/go/bin/go; do
    if command -v "$g" >/dev/null 2>&1; then
        bootstrap=$(command -v "$g")
        break
    fi
done
if [ -z "$bootstrap" ]; then
    echo "go-toolchain: no go command to fetch Go $version with (scripts/setup.sh installs Debian's)" >&2
    exit 1
fi

arch=$(GOTOOLCHAIN=local "$bootstrap" env GOHOSTARCH)
module=golang.org/toolchain@v0.0.1-go$version.linux-$arch
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
echo "go-toolchain: fetching Go $version ($module) for building cgo-lifetime-vet" >&2
if ! dir=$(cd "$tmp" && env -u GOFLAGS GO111MODULE=on GOTOOLCHAIN=local GOMODCACHE="$tmp/mod" \
        GOPATH="$tmp/gopath" "$bootstrap" mod download -json "$module" 2>"$tmp/err" |
        sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p') || [ -z "$dir" ]; then
    echo "go-toolchain: cannot fetch $module: $(tail -n 1 "$tmp/err")" >&2
    exit 1
fi
mkdir -p "$cache"
rm -rf "$goroot.tmp"
cp -R "$dir" "$goroot.tmp"
chmod -R u+w "$goroot.tmp"
# Module zips carry no file modes: the commands are made executable again.
chmod +x "$goroot.tmp"/bin/* "$goroot.tmp"/pkg/tool/*/*
rm -rf "$goroot"
mv "$goroot.tmp" "$goroot"
echo "$goroot/bin/go"
