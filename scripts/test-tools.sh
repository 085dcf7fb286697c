#!/usr/bin/env bash
# Installs what the test suite needs beyond npm when it is missing (runs before `npm test`):
# jq, which the README's examples use (the README test runs them), and Debian's Chromium for the
# portal's browser tests (browsers cannot be downloaded here). Without root or sudo it says what
# to install and stops, rather than let 20 tests fail one by one.
set -euo pipefail

missing=()
command -v jq >/dev/null || missing+=(jq)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  echo "the tests need: ${missing[*]} (Debian: apt-get install -y ${missing[*]})" >&2
  exit 1
fi
echo "installing what the tests need: ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
