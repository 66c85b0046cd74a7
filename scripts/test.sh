#!/usr/bin/env bash
# Runs every test: unit tests, and integration tests against moto through the gate, which this
# script starts on a free loopback port and stops afterwards. Integration tests are required
# here: a missing emulator fails the run instead of skipping them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export BERTH_SHARED="${BERTH_SHARED:-$root/../shared}"

swift build --build-tests

url=$(scripts/emulator.sh start)
# Stop the emulator, and any gate a killed test process left behind, whatever happens.
trap 'scripts/emulator.sh stop; pkill -f "$root/.venv/bin/python .*aws_gate.py --port 0" 2>/dev/null || true' EXIT
echo "emulator: gate at $url" >&2

BERTH_GATE_URL="$url" BERTH_GATE_PYTHON="$root/.venv/bin/python" BERTH_REQUIRE_INTEGRATION=1 \
  swift test --skip-build "$@"

# Every template Berth renders must pass cfn-lint and checkov, as AWS users' pipelines check them.
scripts/lint-templates.sh
