"""Reads a deployed site back with boto3, a client independent of Berth's own, and checks it
against what the compose file asks for. Used by `make demo`; exits non-zero on any mismatch.

    python scripts/verify-deploy.py ENDPOINT REGION STACK
"""
import sys

import boto3

endpoint, region, stack = sys.argv[1:4]
kw = dict(endpoint_url=endpoint, region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing")
cfn, ecs, efs, logs = (boto3.client(n, **kw) for n in ("cloudformation", "ecs", "efs", "logs"))
problems = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        problems.append(what)


described = cfn.describe_stacks(StackName=stack)["Stacks"][0]
outputs = {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs", [])}
check(described["StackStatus"] in ("CREATE_COMPLETE", "UPDATE_COMPLETE"), f"stack {stack} is {described['StackStatus']}")
tags = {t["Key"]: t["Value"] for t in described.get("Tags", [])}
check("berth:project" in tags and "berth:environment" in tags, "stack carries berth:project and berth:environment")
resources = {r["LogicalResourceId"]: r for r in cfn.list_stack_resources(StackName=stack)["StackResourceSummaries"]}
cluster = outputs["Cluster"]
check(ecs.describe_clusters(clusters=[cluster])["clusters"][0]["status"] == "ACTIVE", f"cluster {cluster} is active")
group = logs.describe_log_groups(logGroupNamePrefix=outputs["LogGroup"])["logGroups"][0]
check(group.get("retentionInDays") == 30, f"log group {group['logGroupName']} keeps 30 days")
fs_id = resources["FileSystemCmsUploads"]["PhysicalResourceId"]
fs = efs.describe_file_systems(FileSystemId=fs_id)["FileSystems"][0]
check(fs["Encrypted"], f"file system {fs_id} (cms-uploads) is encrypted")
for name, count in (("proxy", 1), ("site", 1), ("cms", 1)):
    service = ecs.describe_services(cluster=cluster, services=[name])["services"][0]
    check(service["desiredCount"] == count, f"service {name} wants {count} task(s)")
    definition = ecs.describe_task_definition(taskDefinition=service["taskDefinition"])["taskDefinition"]
    main = next(c for c in definition["containerDefinitions"] if c["name"] == name)
    options = main["logConfiguration"]["options"]
    check(options["awslogs-group"] == outputs["LogGroup"] and options["awslogs-stream-prefix"] == name,
          f"{name} logs to {outputs['LogGroup']} with stream prefix {name}")
    for volume in definition.get("volumes", []):
        efs_config = volume.get("efsVolumeConfiguration")
        if efs_config:
            point = efs.describe_access_points(AccessPointId=efs_config["authorizationConfig"]["accessPointId"])["AccessPoints"][0]
            check(point["FileSystemId"] == efs_config["fileSystemId"] and efs_config["transitEncryption"] == "ENABLED",
                  f"{name} mounts {volume['name']} through access point {point['AccessPointId']} with TLS")
sys.exit(1 if problems else 0)
