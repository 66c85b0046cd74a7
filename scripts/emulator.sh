#!/usr/bin/env bash
# The local AWS stand-in: moto behind ../shared/tools/aws_gate.py, on a free 127.0.0.1 port.
#
#   scripts/emulator.sh setup            create .venv with moto, cfn-lint and boto3 (once)
#   scripts/emulator.sh start [ARGS...]  start the gate (with --start-moto), print its URL;
#                                        state in .build/emulator/ (pid, url, log)
#   scripts/emulator.sh stop             stop the gate and the moto it started
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${BERTH_SHARED:-$root/../shared}"
venv="$root/.venv"
state="$root/.build/emulator"

setup() {
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import moto, cfnlint, boto3; assert moto.__version__ == "5.2.5"' 2>/dev/null; then
    return 0
  fi
  echo "emulator: creating $venv (moto 5.2.5, cfn-lint, boto3)..." >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'moto[server]==5.2.5' cfn-lint boto3 >&2
}

start() {
  setup
  stop 2>/dev/null || true
  mkdir -p "$state"
  : > "$state/gate.out"
  # setsid: the gate and the moto it starts share a process group that stop() ends together.
  setsid "$venv/bin/python" "$shared/tools/aws_gate.py" --start-moto --port 0 --log "$state/gate.jsonl" "$@" \
    > "$state/gate.out" 2> "$state/gate.err" < /dev/null &
  echo $! > "$state/pid"
  for _ in $(seq 1 120); do
    if url=$(grep -m1 '^READY ' "$state/gate.out" 2>/dev/null | cut -d' ' -f2) && [ -n "$url" ]; then
      echo "$url" > "$state/url"
      echo "$url"
      return 0
    fi
    if ! kill -0 "$(cat "$state/pid")" 2>/dev/null; then
      echo "emulator: the gate exited before it was ready:" >&2
      cat "$state/gate.err" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "emulator: the gate did not become ready in 60 s" >&2
  return 1
}

stop() {
  [ -f "$state/pid" ] || return 0
  pid=$(cat "$state/pid")
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$state/pid" "$state/url"
}

case "${1:-}" in
  setup) setup ;;
  start) shift; start "$@" ;;
  stop) stop ;;
  *) echo "usage: $0 setup|start|stop" >&2; exit 2 ;;
esac
