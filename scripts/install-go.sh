#!/usr/bin/env bash
# Installs what the Go interoperability tests build with, when it is missing: Debian's Go toolchain
# and Go's reference golang.org/x/mod (sumdb/note, sumdb/tlog) under /usr/share/gocode, used
# offline in GOPATH mode. Needs root (or sudo).
set -euo pipefail

if command -v go >/dev/null 2>&1 && [ -d /usr/share/gocode/src/golang.org/x/mod/sumdb/note ]; then
  exit 0
fi

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

echo "installing golang-go golang-golang-x-mod-dev" >&2
as_root apt-get update -qq >&2
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go golang-golang-x-mod-dev >/dev/null
