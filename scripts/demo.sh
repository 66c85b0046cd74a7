#!/usr/bin/env bash
# Berth's main job, end to end, on Berth's local AWS: deploy the example website (examples/website)
# to the emulator, show what runs, show that a second deploy writes nothing, tear it down.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "build berth"
swift build --product berth
berth="$root/.build/debug/berth"

step "start the local AWS (emulator/: moto with Berth's realism; it checks every signature)"
url=$(scripts/emulator.sh start)
trap '"$root/scripts/emulator.sh" stop' EXIT
emulator=$(cat "$root/.build/emulator/emulator-url")
echo "local AWS at $url"
export AWS_ENDPOINT_URL="$url" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_EC2_METADATA_DISABLED=true
# Docker Hub is the local AWS's registry too: image ports and digests are read on loopback.
export BERTH_DOCKER_HUB_MIRROR="$emulator"
unset AWS_PROFILE AWS_SESSION_TOKEN
region=eu-west-1   # x-berth.region of the example

cd examples/website
step "berth validate --env dev"
"$berth" validate --env dev

step "berth deploy --env dev --only infra   (the CloudFormation stack: network, cluster, EFS, IAM, logs, backups, load balancer, ECR)"
"$berth" deploy --env dev --only infra

step "push the site's image to ECR (stand-in for docker push: moto has no registry endpoint)"
"$root/.venv/bin/python" "$root/scripts/seed-ecr-image.py" "$emulator" "$region" website/site latest

step "berth deploy --env dev   (access points, task definitions, Fargate services)"
"$berth" deploy --env dev

step "berth status --env dev"
"$berth" status --env dev

step "read the site back with boto3, a client independent of Berth"
"$root/.venv/bin/python" "$root/scripts/verify-deploy.py" "$url" "$region" website-dev

step "berth plan --env dev   (a second deploy would change nothing)"
"$berth" plan --env dev
curl -s -X POST "$emulator/_berth/reset" > /dev/null
"$berth" deploy --env dev > /dev/null 2>&1
writes=$(curl -s "$emulator/_berth/stats" | "$root/.venv/bin/python" -c '
import json, sys
stats = json.load(sys.stdin)
print(stats["total"], stats["mutating"], stats["refused"])')
read -r total mutating refused <<< "$writes"
echo "second deploy: $total AWS calls, $mutating writes, $refused refused"
[ "$mutating" = 0 ] && [ "$refused" = 0 ]

step "berth down --env dev --infra --yes   (services, access points, the stack; file systems and backups kept)"
"$berth" down --env dev --infra --yes
"$berth" status --env dev

if [ -f "$root/.build/emulator/gate-url" ]; then
  step "the checking gate in front of the emulator refused nothing"
  refused=$("$root/.venv/bin/python" "$root/scripts/gate-refusals.py" "$root/.build/emulator/gate.jsonl")
  echo "gate: $(wc -l < "$root/.build/emulator/gate.jsonl") requests checked, $refused refused"
  [ "$refused" = 0 ]
fi
