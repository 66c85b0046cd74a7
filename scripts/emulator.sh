#!/usr/bin/env bash
# Berth's local AWS: the emulator in emulator/ (moto with Berth's realism) on a free 127.0.0.1
# port, and, when a checking gate is available, that gate in front of it.
#
#   scripts/emulator.sh setup            create .venv from emulator/requirements.txt (once)
#   scripts/emulator.sh start [ARGS...]  start the emulator (ARGS go to it) and the gate if any;
#                                        print the endpoint URL. State in .build/emulator/:
#                                        url (the endpoint), emulator-url, gate-url, logs
#   scripts/emulator.sh stop             stop them
#
# The gate is BERTH_GATE (a path to aws_gate.py), else ../shared/tools/aws_gate.py when it exists
# (as in CI); BERTH_GATE=off never layers one in. Without it, the emulator still checks every
# signature itself; only the check of each request's shape against botocore's models is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
state="$root/.build/emulator"
requirements="$root/emulator/requirements.txt"

setup() {
  if [ -x "$venv/bin/python" ] && cmp -s "$requirements" "$venv/.berth-requirements" 2>/dev/null; then
    return 0
  fi
  echo "emulator: creating $venv from emulator/requirements.txt..." >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2
  cp "$requirements" "$venv/.berth-requirements"
}

gate_script() {
  case "${BERTH_GATE:-}" in
    off) return 1 ;;
    "") [ -f "$root/../shared/tools/aws_gate.py" ] && echo "$root/../shared/tools/aws_gate.py" ;;
    *) [ -f "$BERTH_GATE" ] && echo "$BERTH_GATE" || { echo "emulator: BERTH_GATE=$BERTH_GATE does not exist" >&2; return 1; } ;;
  esac
}

# wait_ready NAME PIDFILE OUTFILE ERRFILE: prints the URL of the READY line.
wait_ready() {
  for _ in $(seq 1 120); do
    if url=$(grep -m1 '^READY ' "$3" 2>/dev/null | cut -d' ' -f2) && [ -n "$url" ]; then
      echo "$url"
      return 0
    fi
    if ! kill -0 "$(cat "$2")" 2>/dev/null; then
      echo "emulator: the $1 exited before it was ready:" >&2
      tail -20 "$4" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "emulator: the $1 did not become ready in 60 s" >&2
  return 1
}

start() {
  setup
  stop 2>/dev/null || true
  mkdir -p "$state"
  : > "$state/emulator.out"
  # setsid: each process leads a group that stop() ends as a whole.
  PYTHONPATH="$root/emulator" setsid "$venv/bin/python" -m berth_emulator --port 0 --log "$state/emulator.jsonl" "$@" \
    > "$state/emulator.out" 2> "$state/emulator.err" < /dev/null &
  echo $! > "$state/emulator.pid"
  emulator=$(wait_ready emulator "$state/emulator.pid" "$state/emulator.out" "$state/emulator.err")
  echo "$emulator" > "$state/emulator-url"
  endpoint="$emulator"
  rm -f "$state/gate-url"
  if gate=$(gate_script); then
    : > "$state/gate.out"
    : > "$state/gate.jsonl"
    setsid "$venv/bin/python" "$gate" --upstream "$emulator" --port 0 --log "$state/gate.jsonl" \
      > "$state/gate.out" 2> "$state/gate.err" < /dev/null &
    echo $! > "$state/gate.pid"
    endpoint=$(wait_ready gate "$state/gate.pid" "$state/gate.out" "$state/gate.err")
    echo "$endpoint" > "$state/gate-url"
  fi
  echo "$endpoint" > "$state/url"
  echo "$endpoint"
}

stop() {
  for name in gate emulator; do
    [ -f "$state/$name.pid" ] || continue
    pid=$(cat "$state/$name.pid")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    rm -f "$state/$name.pid"
  done
  rm -f "$state/url"
}

case "${1:-}" in
  setup) setup ;;
  start) shift; start "$@" ;;
  stop) stop ;;
  *) echo "usage: $0 setup|start|stop" >&2; exit 2 ;;
esac
