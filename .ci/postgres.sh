#!/usr/bin/env bash
# Start a local PostgreSQL server for the team tests and create the 'helder' role (idempotent).
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 1
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='helder'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE helder LOGIN SUPERUSER PASSWORD 'helder'\""
echo "PostgreSQL $version draait op 127.0.0.1:5432 (rol helder)."
