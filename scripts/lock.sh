#!/usr/bin/env bash
# Refresh requirements.lock from pyproject.toml (uv; every platform, with hashes). Versions already
# locked stay where they still fit; `bash scripts/lock.sh --upgrade` takes the newest of everything.
# Then: bash scripts/setup.sh, the whole test suite, python -m benchmarks, and read the audit.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/setup.sh
.venv/bin/python -m app.release lock-refresh "$@"
.venv/bin/python -m app.release lock-check
