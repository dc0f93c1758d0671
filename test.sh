#!/usr/bin/env bash
# Runs every JobEngine test: unit tests and integration tests through the real HTTP host.
# Prints one closing line "N passed, N failed" and fails when a test failed or none ran.
set -euo pipefail
cd "$(dirname "$0")"

results="$PWD/artifacts/test-results"
rm -rf "$results"

status=0
dotnet test JobEngine.slnx --configuration Release --logger trx --results-directory "$results" || status=$?

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
if [ "$failed" -ne 0 ] && [ "$status" -eq 0 ]; then
  status=1
fi
exit "$status"
