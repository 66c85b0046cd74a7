#!/usr/bin/env bash
# Deploys the example through injected faults, once per seed, and prints whether each step
# finished in one run (issue 12, item 10: they must). Not part of the test run: 10 seeds take
# several minutes of throttle backoff.
#
#   scripts/fault-sweep.sh [FIRST_SEED] [LAST_SEED] [FAULTS]
#   default: seeds 1-10, throttle=0.3,error500=0.1,reset=0.05
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
first=${1:-1} last=${2:-10} faults=${3:-throttle=0.3,error500=0.1,reset=0.05}
berth="$root/.build/debug/berth"
[ -x "$berth" ] || swift build --product berth
url=$("$root/scripts/emulator.sh" start)
trap '"$root/scripts/emulator.sh" stop' EXIT
emulator=$(cat "$root/.build/emulator/emulator-url")
work=$(mktemp -d)
cp -r "$root/examples/website" "$work/site"
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_EC2_METADATA_DISABLED=true BERTH_DOCKER_HUB_MIRROR="$emulator"
unset AWS_PROFILE AWS_SESSION_TOKEN

printf '%-5s %-6s %-9s %7s %7s  %s\n' seed infra services "infra s" "svc s" "failure"
failures=0
for seed in $(seq "$first" "$last"); do
  log="$work/seed-$seed"
  PYTHONPATH="$root/emulator" setsid "$root/.venv/bin/python" -m berth_emulator --port 0 --upstream "$url" \
    --faults "$faults" --seed "$seed" > "$log.front" 2> "$log.front.err" < /dev/null &
  front_pid=$!
  for _ in $(seq 1 100); do grep -q '^READY ' "$log.front" 2>/dev/null && break; sleep 0.1; done
  front=$(awk '/^READY/{print $2}' "$log.front")
  project="sweep$seed"
  start=$(date +%s.%N)
  infra=ok; (cd "$work/site" && AWS_ENDPOINT_URL=$front "$berth" deploy --env dev --project-name "$project" --only infra > "$log.infra" 2>&1) || infra=FAIL
  middle=$(date +%s.%N)
  "$root/.venv/bin/python" "$root/scripts/seed-ecr-image.py" "$emulator" eu-west-1 "$project/site" latest > /dev/null
  services=ok; (cd "$work/site" && AWS_ENDPOINT_URL=$front "$berth" deploy --env dev --project-name "$project" > "$log.services" 2>&1) || services=FAIL
  end=$(date +%s.%N)
  kill -- "-$front_pid" 2>/dev/null || true
  why=""
  [ $infra = ok ] || why=$(grep -m1 '^error:' "$log.infra" || true)
  [ $services = ok ] || why="$why $(grep -m1 '^error:' "$log.services" || true)"
  [ $infra = ok ] && [ $services = ok ] || failures=$((failures + 1))
  printf '%-5s %-6s %-9s %7.1f %7.1f  %s\n' "$seed" $infra $services "$(awk "BEGIN{print $middle - $start}")" "$(awk "BEGIN{print $end - $middle}")" "$why"
done
echo "$failures of $((last - first + 1)) seeds needed another run (logs in $work)"
[ $failures = 0 ]
