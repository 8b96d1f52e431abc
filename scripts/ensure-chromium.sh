#!/usr/bin/env bash
# Makes sure a Chromium exists for the browser tests (tests/page.test.ts).
# Uses $CHROMIUM_PATH when set, else /usr/bin/chromium; installs Debian's package when running as root.
set -euo pipefail

browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $browser not found; installing Debian's chromium package with apt-get (one time)…"
  log="$(mktemp)"
  trap 'rm -f "$log"' EXIT
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "ensure-chromium: apt-get could not install chromium (see above); install it yourself or set CHROMIUM_PATH." >&2
    exit 1
  fi
  if [ -x "$browser" ]; then
    exit 0
  fi
  echo "ensure-chromium: apt-get installed chromium but $browser is still missing; set CHROMIUM_PATH to the browser's path." >&2
  exit 1
fi

echo "ensure-chromium: the browser tests need Chromium: run \`sudo apt-get install chromium\` or set CHROMIUM_PATH (now: $browser is missing)." >&2
exit 1
