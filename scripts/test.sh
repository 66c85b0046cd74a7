#!/usr/bin/env bash
# Runs every test: the formatter's lint, the local AWS emulator's own tests, Berth's unit tests, Berth's integration
# tests against that emulator (started here on a free loopback port and stopped afterwards), and
# cfn-lint and checkov on every template. Integration tests are required: a missing emulator
# fails the run instead of skipping them. Where a checking gate is available (BERTH_GATE, or
# ../shared/tools/aws_gate.py as in CI), it is put in front of the emulator and must refuse nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
state="$root/.build/emulator"

# One formatter (.swift-format, 150 columns): any finding fails the run; `swift format -i -r
# Sources Tests Benchmarks Package.swift` fixes them.
echo "== swift format lint" >&2
swift format lint --strict --recursive Sources Tests Benchmarks Package.swift

scripts/emulator.sh setup
echo "== the emulator's own tests" >&2
(cd emulator && ../.venv/bin/python -m pytest -q -p no:cacheprovider tests)

echo "== Berth's tests" >&2
swift build --build-tests

url=$(scripts/emulator.sh start)
trap 'scripts/emulator.sh stop' EXIT
emulator=$(cat "$state/emulator-url")
if [ -f "$state/gate-url" ]; then
  echo "local AWS: emulator at $emulator, behind the gate at $url (signatures and request shapes checked)" >&2
  gate="$url"
else
  echo "local AWS: emulator at $emulator; no aws_gate.py, so request shapes are not checked against botocore's models (signatures are)" >&2
  gate=""
fi

BERTH_EMULATOR_URL="$emulator" BERTH_GATE_URL="$gate" BERTH_REQUIRE_INTEGRATION=1 \
  swift test --skip-build "$@"

if [ -n "$gate" ]; then
  # Every request Berth sent through the gate must be one AWS would accept.
  refused=$(.venv/bin/python scripts/gate-refusals.py "$state/gate.jsonl")
  total=$(wc -l < "$state/gate.jsonl")
  echo "gate: $total requests checked, $refused refused" >&2
  [ "$refused" = 0 ]
fi

# Every template Berth renders must pass cfn-lint and checkov, as AWS users' pipelines check them.
scripts/lint-templates.sh

# What scripts/install.sh installs: the binary, completions and manual page, naming every command.
scripts/check-install.sh
