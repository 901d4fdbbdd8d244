#!/usr/bin/env bash
# Makes sure the browsers the end-to-end tests drive are installed: Debian's chromium and firefox-esr.
# As root on Debian it installs what is missing; otherwise it prints the command to run and fails.
set -euo pipefail

CHROMIUM="${BACKSTORY_CHROMIUM:-/usr/bin/chromium}"
FIREFOX="${BACKSTORY_FIREFOX:-/usr/bin/firefox-esr}"

missing=()
[ -x "$CHROMIUM" ] || missing+=("chromium ($CHROMIUM)")
[ -x "$FIREFOX" ] || missing+=("firefox-esr ($FIREFOX)")
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Missing browsers for the end-to-end tests: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y chromium firefox-esr
  [ -x "$CHROMIUM" ] && [ -x "$FIREFOX" ] && exit 0
  echo "apt-get finished but $CHROMIUM or $FIREFOX is still missing." >&2
  exit 1
fi
echo "Install them with:" >&2
echo "sudo apt-get install -y chromium firefox-esr"
exit 1
