#!/usr/bin/env bash
# Makes sure Debian's `chromium` is at /usr/bin/chromium: the example app's end-to-end test drives it
# through playwright-core. Installs it with apt-get when we are root on a Debian-like system; otherwise
# stops and says how to install it.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ -x "$CHROMIUM" ]]; then
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's chromium package (needed by the example app's browser test)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
  if [[ -x "$CHROMIUM" ]]; then
    echo "Installed $("$CHROMIUM" --version 2>/dev/null || echo chromium) at $CHROMIUM"
    exit 0
  fi
  echo "apt-get finished but $CHROMIUM is still missing" >&2
  exit 1
fi

cat >&2 <<'EOF'
Chromium is missing at /usr/bin/chromium; the example app's browser test needs it.
Install it, then run the tests again:
  Debian/Ubuntu:  sudo apt-get install -y chromium
EOF
exit 1
