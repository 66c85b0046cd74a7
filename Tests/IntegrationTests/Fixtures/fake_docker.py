"""A stand-in for the `docker` CLI where no Docker engine runs, for `berth push` tests.

Each call appends one JSON line to $FAKE_DOCKER_LOG: its arguments and DOCKER_CONFIG. A push
(`docker push REF`, or `docker buildx build ... --push`) does what docker does before it talks to
the registry: it looks up the registry's credential helper in $DOCKER_CONFIG/config.json, runs
`docker-credential-<helper> get` with the registry on stdin, and checks the answer (recorded as
the username and the secret's length only). Then it records the image in ECR through PutImage on
moto ($FAKE_DOCKER_MOTO), as a real push would. `version` fails with $FAKE_DOCKER_NO_ENGINE set;
`buildx version` succeeds only with $FAKE_DOCKER_BUILDX set.
"""
import hashlib
import json
import os
import subprocess
import sys

import boto3

args = sys.argv[1:]
log = {"args": args, "docker_config": os.environ.get("DOCKER_CONFIG")}


def record(**extra):
    log.update(extra)
    with open(os.environ["FAKE_DOCKER_LOG"], "a") as out:
        out.write(json.dumps(log) + "\n")


def push(reference):
    registry, _, rest = reference.partition("/")
    repository, _, tag = rest.rpartition(":")
    with open(os.path.join(os.environ["DOCKER_CONFIG"], "config.json")) as f:
        helper = json.load(f).get("credHelpers", {}).get(registry)
    if not helper:
        record(error=f"no credential helper for {registry}")
        sys.exit(1)
    answer = subprocess.run([f"docker-credential-{helper}", "get"], input=registry, capture_output=True, text=True)
    if answer.returncode != 0:
        record(error=f"credential helper failed: {answer.stdout} {answer.stderr}")
        sys.exit(1)
    credential = json.loads(answer.stdout)
    region = registry.split(".")[3]
    ecr = boto3.client("ecr", endpoint_url=os.environ["FAKE_DOCKER_MOTO"], region_name=region,
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    # One image per repository and build: every tag pushed from one build names the same digest.
    config = json.dumps({"repository": repository, "build": os.environ.get("FAKE_DOCKER_BUILD", "")})
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": len(config),
                   "digest": "sha256:" + hashlib.sha256(config.encode()).hexdigest()},
        "layers": []})
    try:
        ecr.put_image(repositoryName=repository, imageManifest=manifest, imageTag=tag)
    except ecr.exceptions.ImageAlreadyExistsException:
        pass
    return {"registry": registry, "username": credential.get("Username"), "secret_length": len(credential.get("Secret", ""))}


if args[:1] == ["version"]:
    record()
    sys.exit(1 if os.environ.get("FAKE_DOCKER_NO_ENGINE") else 0)
if args[:2] == ["buildx", "version"]:
    record()
    sys.exit(0 if os.environ.get("FAKE_DOCKER_BUILDX") else 1)
if args[:1] == ["push"]:
    record(auth=[push(args[1])])
elif args[:2] == ["buildx", "build"] and "--push" in args:
    tags = [args[i + 1] for i, a in enumerate(args) if a == "--tag"]
    # One build context for all tags: each tag names the same image.
    record(auth=[push(t) for t in tags])
else:
    record()
