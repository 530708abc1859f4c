#!/usr/bin/env bash
# Set up Helder and start it on a fresh demo database, logged in as 'consulent' (password: demo).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/helder --demo "$@"
