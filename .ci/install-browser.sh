#!/bin/sh
# Installs what the browser and report tests need from Debian's packages, when missing: Chromium (explorer tests,
# report PDFs) and poppler-utils (pdftotext, pdftoppm, pdfinfo to read the PDFs back).
set -eu
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=""
[ -x "$CHROMIUM" ] || missing="$missing chromium"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
if [ -z "$missing" ]; then
  version=$("$CHROMIUM" --version 2>/dev/null || echo 'version unknown')
  echo "install-browser: $CHROMIUM present ($version), poppler-utils present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: missing$missing and no apt-get; install them (and set CHROMIUM_PATH for another Chromium)" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
# shellcheck disable=SC2086 # one word per package
$SUDO apt-get install -y --no-install-recommends $missing
"$CHROMIUM" --version
