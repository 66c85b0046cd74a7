"""Stand-in for `docker push` against the local emulator.

moto has no registry endpoint, so `docker push` cannot reach it. This puts an image manifest
for REPOSITORY:TAG through ECR's PutImage API instead, which is what a push records in ECR:
afterwards Berth finds the tag's digest as it would after a real push.

    python scripts/seed-ecr-image.py ENDPOINT REGION REPOSITORY [TAG [BUILD]]

BUILD tells builds apart: another BUILD under the same TAG is a new image the tag moves to, as a
second `docker push` of a rebuilt image. A missing repository is created first.
"""
import hashlib
import json
import sys

import boto3

endpoint, region, repository = sys.argv[1:4]
tag = sys.argv[4] if len(sys.argv) > 4 else "latest"
build = sys.argv[5] if len(sys.argv) > 5 else ""
config = {"schemaVersion": 2, "note": f"stand-in image for {repository}:{tag}{' build ' + build if build else ''}"}
manifest = json.dumps({
    "schemaVersion": 2,
    "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
    "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": len(json.dumps(config)),
               "digest": "sha256:" + hashlib.sha256(json.dumps(config).encode()).hexdigest()},
    "layers": [],
})
ecr = boto3.client("ecr", endpoint_url=endpoint, region_name=region,
                   aws_access_key_id="testing", aws_secret_access_key="testing")
digest = "sha256:" + hashlib.sha256(manifest.encode()).hexdigest()
try:
    ecr.create_repository(repositoryName=repository)
except ecr.exceptions.RepositoryAlreadyExistsException:
    pass
try:
    ecr.put_image(repositoryName=repository, imageManifest=manifest, imageTag=tag, imageDigest=digest)
except ecr.exceptions.ImageAlreadyExistsException:
    pass
print(f"{repository}:{tag} {digest}")
