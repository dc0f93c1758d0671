#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 cluster (if it is not running) and makes sure the test role
# exists. Prints the connection string the tests use. Needs root (or the postgres user).
set -euo pipefail

role=jobengine
password=jobengine

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "error: pg_ctlcluster not found; install PostgreSQL or set JOBENGINE_TEST_POSTGRES" >&2
  exit 1
fi

version=$(pg_lsclusters -h | awk 'NR==1 {print $1}')
cluster=$(pg_lsclusters -h | awk 'NR==1 {print $2}')
port=$(pg_lsclusters -h | awk 'NR==1 {print $3}')
if [ -z "$version" ]; then
  echo "error: no PostgreSQL cluster on this machine" >&2
  exit 1
fi

if ! pg_lsclusters -h | awk 'NR==1 {print $4}' | grep -q online; then
  pg_ctlcluster "$version" "$cluster" start >&2
fi

as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -c "$(printf '%q ' "$@")"; fi; }

for _ in $(seq 1 30); do
  as_postgres psql -p "$port" -tAc "SELECT 1" >/dev/null 2>&1 && break
  sleep 1
done

as_postgres psql -p "$port" -v ON_ERROR_STOP=1 -q -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN PASSWORD '$password' CREATEDB;
  END IF;
END \$\$;" >&2
# Tests drop their databases WITH (FORCE), which must also end an autovacuum worker on them.
as_postgres psql -p "$port" -v ON_ERROR_STOP=1 -q -c "GRANT pg_signal_backend TO $role;" >&2

echo "Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=postgres"
