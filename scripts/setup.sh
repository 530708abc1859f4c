#!/usr/bin/env bash
# Set up everything Helder needs on this machine: system libraries for Qt (Debian/Ubuntu, when run
# as root and they are missing), a virtual environment in .venv, and Helder with its test tools at the
# versions pinned in requirements.lock (refresh it with `bash scripts/lock.sh`).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="libglib2.0-0 libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
fonts-dejavu-core poppler-utils libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 binutils"

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  missing=""
  for p in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    echo "Systeempakketten installeren:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# pip, quietly; a failure (e.g. a file whose hash is not in the lock) stops the set-up with pip's reason.
pip_quietly() {
  local out
  if ! out=$(.venv/bin/python -m pip "$@" 2>&1); then
    echo "$out" | grep -v "is ignored" >&2
    echo "Installatie mislukt: pip $*" >&2
    exit 1
  fi
  echo "$out" | grep -v -e "is ignored" -e "^ *$" || true
}
pip_quietly install -q --upgrade pip
# Exactly the locked versions (requirements.lock, checked against its hashes), then Helder itself.
pip_quietly install -q --require-hashes -r requirements.lock
pip_quietly install -q --no-deps -e .
.venv/bin/python -c "import app, ui, PySide6, sqlcipher3" || { echo "Installatie mislukt." >&2; exit 1; }
