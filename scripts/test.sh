#!/usr/bin/env bash
# Runs every test: the formatter's lint, the local AWS emulator's own tests, Berth's unit tests,
# Berth's integration tests against that emulator (started here on a free loopback port and
# stopped afterwards), cfn-lint and checkov on every template, then the release binary and what
# install.sh installs. Integration tests are required: a missing emulator fails the run instead
# of skipping them. Where a checking gate is available (BERTH_GATE, or ../shared/tools/aws_gate.py
# as in CI), it is put in front of the emulator and must refuse nothing.
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

# What a user installs is the release binary (scripts/build-release.sh: static Swift runtime,
# linked by LLD with packed relocations and no exported symbols): it must link and run here, and
# render the example's templates exactly as the tested debug build does.
echo "== the release binary" >&2
release=$(scripts/build-release.sh)
for env in dev prod; do
  if ! diff -q <(cd examples/website && "$release" template --env "$env") \
    <(cd examples/website && "$root/.build/debug/berth" template --env "$env") >/dev/null; then
    echo "the release binary renders the example's $env template differently from the debug build" >&2
    exit 1
  fi
done

# What scripts/install.sh installs: the binary, completions and manual page, naming every command.
scripts/check-install.sh "$release"
