#!/usr/bin/env bash
# Runs every benchmark and writes docs/benchmarks.md (machine facts, then benchmark | ours |
# baseline | ratio | goal). --quick finishes in about 5 minutes; the full run in about 33 on a loaded machine.
# Not part of CI. Starts the machine's PostgreSQL like the tests do (or uses JOBENGINE_TEST_POSTGRES).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=""
if [ "${1:-}" = "--quick" ]; then
  quick="--quick"
fi

if [ -z "${JOBENGINE_TEST_POSTGRES:-}" ]; then
  JOBENGINE_TEST_POSTGRES=$(scripts/start-test-postgres.sh)
fi

results=artifacts/bench
mkdir -p "$results"

# Only what the run needs (not the test projects): the two bench programs and the published server.
dotnet build bench/JobEngine.Benchmarks -c Release --nologo -v quiet
dotnet build bench/JobEngine.LoadDriver -c Release --nologo -v quiet
# The server runs as it would be deployed: published, precompiled (ReadyToRun).
dotnet publish src/JobEngine.WebService -c Release -r linux-x64 --self-contained false --nologo -v quiet -o "$results/server"

echo "== chain verification (BenchmarkDotNet)"
(cd "$results" && dotnet ../../bench/JobEngine.Benchmarks/bin/Release/net10.0/JobEngine.Benchmarks.dll $quick --results chain.json) \
  | grep -E "^\| |chain verification" || true

echo "== load driver (real server processes on loopback)"
dotnet bench/JobEngine.LoadDriver/bin/Release/net10.0/JobEngine.LoadDriver.dll $quick \
  --server "$results/server/JobEngine.WebService.dll" \
  --postgres "$JOBENGINE_TEST_POSTGRES" \
  --chain "$results/chain.json" \
  --analysis bench/analysis.md \
  --out docs/benchmarks.md
