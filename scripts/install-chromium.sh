#!/usr/bin/env bash
# Installs what the console's browser tests drive, when it is missing: Debian's chromium package
# (Playwright launches it by path; no browser is downloaded). Needs root (or sudo).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

echo "installing chromium" >&2
as_root apt-get update -qq >&2
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
