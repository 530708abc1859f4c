#!/usr/bin/env bash
# Set up Helder and run the whole test suite (PostgreSQL team tests included when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "$(id -u)" = "0" ] && [ "${HELDER_SKIP_PG:-0}" != "1" ]; then
  bash .ci/postgres.sh
  export HELDER_REQUIRE_PG=${HELDER_REQUIRE_PG:-1}
fi
export QT_QPA_PLATFORM=offscreen
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ "$status" = "5" ]; then
  echo "Er zijn geen tests uitgevoerd: dat telt als fout." >&2
fi
exit "$status"
