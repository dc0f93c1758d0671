#!/usr/bin/env bash
# The chaos run at length: a real server killed (SIGKILL) under load again and again, on SQLite and
# on PostgreSQL, then every acknowledged action checked (tests/JobEngine.WebService.Tests/Chaos).
# ./test.sh runs the same test with a few cycles; this runs JOBENGINE_CHAOS_CYCLES (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."

export JOBENGINE_CHAOS_CYCLES="${JOBENGINE_CHAOS_CYCLES:-20}"
if [ -z "${JOBENGINE_TEST_POSTGRES:-}" ]; then
  JOBENGINE_TEST_POSTGRES=$(scripts/start-test-postgres.sh)
fi
export JOBENGINE_TEST_POSTGRES

dotnet build tests/JobEngine.WebService.Tests --configuration Release
for store in Sqlite Postgres; do
  echo "== chaos on $store ($JOBENGINE_CHAOS_CYCLES kills)"
  JOBENGINE_TEST_STORE=$store dotnet test tests/JobEngine.WebService.Tests --configuration Release --no-build \
    --filter "Category=Chaos" --logger "console;verbosity=detailed"
done
