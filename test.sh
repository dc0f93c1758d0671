#!/usr/bin/env bash
# Runs every JobEngine test: unit tests, then the integration suite through the real HTTP host
# on SQLite and again on PostgreSQL (jobctl's suite too: its attack tests tamper with the real store), plus the
# multi-process tests (PostgreSQL only).
# PostgreSQL: JOBENGINE_TEST_POSTGRES if set (a role that may create databases), else the
# machine's PostgreSQL cluster, started by scripts/start-test-postgres.sh. Go and golang.org/x/mod,
# for the interoperability tests, are installed by scripts/install-go.sh when missing, and chromium,
# for the console's browser tests, by scripts/install-chromium.sh.
# Prints one closing line "N passed, N failed" and fails when a test failed or none ran.
set -euo pipefail
cd "$(dirname "$0")"

results="$PWD/artifacts/test-results"
rm -rf "$results"

if [ -z "${JOBENGINE_TEST_POSTGRES:-}" ]; then
  JOBENGINE_TEST_POSTGRES=$(scripts/start-test-postgres.sh)
fi
export JOBENGINE_TEST_POSTGRES

# The interoperability tests build tests/interop/go/tlogcheck with Go's reference note and tlog.
scripts/install-go.sh || echo "warning: Go could not be installed; the Go interoperability tests will fail" >&2

# The console's browser tests drive Debian's chromium through Playwright.
scripts/install-chromium.sh || echo "warning: chromium could not be installed; the console's browser tests will fail" >&2

dotnet build JobEngine.slnx --configuration Release

status=0
run() {
  local name=$1; shift
  echo "== $name"
  dotnet test JobEngine.slnx --configuration Release --no-build --logger "trx;LogFilePrefix=$name" \
    --results-directory "$results" "$@" || status=1
}

JOBENGINE_TEST_STORE=Sqlite run sqlite --filter "Category!=MultiProcess&Category!=Postgres"
JOBENGINE_TEST_STORE=Postgres run postgres --filter "FullyQualifiedName~JobEngine.WebService.Tests|FullyQualifiedName~JobEngine.Cli.Tests"

total=0 passed=0 failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$((total + $(count total)))
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed)))
done

echo "$passed passed, $failed failed"
if [ "$total" -eq 0 ]; then
  echo "error: no test ran" >&2
  exit 1
fi
if [ "$failed" -ne 0 ]; then
  status=1
fi
exit "$status"
