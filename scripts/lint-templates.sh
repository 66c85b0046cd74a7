#!/usr/bin/env bash
# Renders every template Berth can make from the example site and from each awesome-compose file
# that validates, and runs cfn-lint and checkov on them: any finding fails the run.
#   scripts/lint-templates.sh [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/.build/templates}"
berth="$root/.build/debug/berth"
[ -x "$berth" ] || swift build --product berth
[ -x "$root/.build/debug/BerthBenchmarks" ] || swift build --product BerthBenchmarks
rm -rf "$out" && mkdir -p "$out"

render() { # name, directory, extra args...
  local name=$1 dir=$2; shift 2
  (cd "$dir" && "$berth" template "$@") > "$out/$name.yaml"
}

for env in dev prod; do
  render "example-website-$env" "$root/examples/website" --env "$env"
  render "example-website-$env.unified" "$root/examples/website" --env "$env" --unified
done
for dir in "$root"/Tests/Fixtures/compose/awesome-compose/*/; do
  name=$(basename "$dir")
  if (cd "$dir" && "$berth" validate > /dev/null 2>&1); then
    render "awesome-$name" "$dir"
    # The single template holds config contents, so it needs the config files to exist.
    render "awesome-$name.unified" "$dir" --unified 2>/dev/null \
      || { echo "lint: awesome-$name has no unified template (a config file it ships is missing)" >&2; rm -f "$out/awesome-$name.unified.yaml"; }
  fi
done
# A site too big for one stack: a root and nested stacks, each linted on its own.
"$root/.build/debug/BerthBenchmarks" template 130 5 1 --write "$out/nested" > /dev/null
mv "$out"/nested/*.yaml "$out/" && rmdir "$out/nested"
# The golden templates: inputs the command line cannot make alone (kept data taken back).
for golden in "$root"/Tests/StackTemplatesTests/Golden/*.yaml; do cp "$golden" "$out/golden-$(basename "$golden")"; done
count=$(ls "$out"/*.yaml | wc -l)
echo "lint: $count templates in $out" >&2

"$root/.venv/bin/cfn-lint" --non-zero-exit-code informational "$out"/*.yaml
echo "lint: cfn-lint found nothing" >&2

checkov_venv="$root/.venv-checkov"
if [ ! -x "$checkov_venv/bin/checkov" ]; then
  rm -rf "$checkov_venv"
  echo "lint: installing checkov into $checkov_venv..." >&2
  python3 -m venv "$checkov_venv"
  "$checkov_venv/bin/pip" install --quiet --disable-pip-version-check checkov >&2
fi
"$checkov_venv/bin/checkov" --directory "$out" --framework cloudformation --skip-download --compact --quiet
echo "lint: checkov found nothing" >&2
