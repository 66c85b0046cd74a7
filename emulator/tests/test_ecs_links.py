"""Service Connect configuration on deployments, tasks as load balancer targets (patch ecs-links), and the Cloud Map
namespace in stacks (patch servicediscovery), with boto3 against the emulator."""
import json

import pytest

from test_ecs import Site


def converge(site, service, polls=4):
    for _ in range(polls):
        described = site.ecs.describe_services(cluster=site.cluster, services=[service])['services'][0]
    return described


def test_deployments_carry_the_service_connect_configuration(aws):
    site = Site(aws)
    configuration = {'enabled': True, 'namespace': 'shop.berth.internal',
                     'services': [{'portName': 'web-80-tcp', 'clientAliases': [{'port': 80, 'dnsName': 'web'}]}]}
    site.ecs.create_service(cluster=site.cluster, serviceName='web', taskDefinition=site.rev1, desiredCount=1,
                            launchType='FARGATE', networkConfiguration=site.network(),
                            serviceConnectConfiguration=configuration)
    service = converge(site, 'web')
    assert service['deployments'][0]['serviceConnectConfiguration'] == configuration
    # A new revision's deployment keeps it; one that changes it carries the new one.
    site.ecs.update_service(cluster=site.cluster, service='web', taskDefinition=site.rev2)
    assert site.ecs.describe_services(cluster=site.cluster, services=['web'])['services'][0]['deployments'][0][
        'serviceConnectConfiguration'] == configuration
    changed = {**configuration, 'services': [{**configuration['services'][0], 'clientAliases': [{'port': 8080,
                                                                                                 'dnsName': 'web'}]}]}
    site.ecs.update_service(cluster=site.cluster, service='web', serviceConnectConfiguration=changed,
                            forceNewDeployment=True)
    assert site.ecs.describe_services(cluster=site.cluster, services=['web'])['services'][0]['deployments'][0][
        'serviceConnectConfiguration'] == changed


def test_running_tasks_are_the_target_groups_targets(aws):
    site = Site(aws)
    elb = aws.client('elbv2')
    vpc = aws.client('ec2').describe_subnets(SubnetIds=site.subnets[:1])['Subnets'][0]['VpcId']
    group = elb.create_target_group(Name='web-80', Protocol='HTTP', Port=80, VpcId=vpc, TargetType='ip')[
        'TargetGroups'][0]['TargetGroupArn']
    site.ecs.create_service(cluster=site.cluster, serviceName='web', taskDefinition=site.rev1, desiredCount=2,
                            launchType='FARGATE', networkConfiguration=site.network(),
                            loadBalancers=[{'targetGroupArn': group, 'containerName': 'web', 'containerPort': 80}])
    converge(site, 'web')
    health = elb.describe_target_health(TargetGroupArn=group)['TargetHealthDescriptions']
    assert len(health) == 2 and {h['TargetHealth']['State'] for h in health} == {'healthy'}
    assert {h['Target']['Port'] for h in health} == {80}
    state = aws.control('GET', '/_berth/ecslinks/state')
    assert sum(len(targets) for targets in state['targets'].values()) == 2
    # Scaled in: the stopped task's target is deregistered.
    site.ecs.update_service(cluster=site.cluster, service='web', desiredCount=1)
    converge(site, 'web')
    registered = [h for h in elb.describe_target_health(TargetGroupArn=group)['TargetHealthDescriptions']
                  if h['TargetHealth']['State'] == 'healthy']
    assert len(registered) == 1


def test_a_stack_makes_the_http_namespace_and_its_ref_is_the_id(aws):
    cfn, cloud_map = aws.client('cloudformation'), aws.client('servicediscovery')
    template = {'Resources': {'Namespace': {'Type': 'AWS::ServiceDiscovery::HttpNamespace',
                                            'Properties': {'Name': 'shop.berth.internal', 'Description': 'd'}}},
                'Outputs': {'Namespace': {'Value': {'Ref': 'Namespace'}},
                            'Arn': {'Value': {'Fn::GetAtt': ['Namespace', 'Arn']}}}}
    cfn.create_stack(StackName='ns', TemplateBody=json.dumps(template))
    for _ in range(5):
        stack = cfn.describe_stacks(StackName='ns')['Stacks'][0]
        if stack['StackStatus'].endswith('COMPLETE'):
            break
    outputs = {o['OutputKey']: o['OutputValue'] for o in stack['Outputs']}
    namespaces = cloud_map.list_namespaces()['Namespaces']
    assert [n['Name'] for n in namespaces] == ['shop.berth.internal']
    assert outputs['Namespace'] == namespaces[0]['Id'] and outputs['Arn'] == namespaces[0]['Arn']
    # The same name again fails that stack.
    cfn.create_stack(StackName='ns2', TemplateBody=json.dumps(template))
    for _ in range(5):
        second = cfn.describe_stacks(StackName='ns2')['Stacks'][0]
        if second['StackStatus'].endswith(('COMPLETE', 'FAILED')):
            break
    assert second['StackStatus'] in ('ROLLBACK_COMPLETE', 'CREATE_FAILED', 'ROLLBACK_IN_PROGRESS')
    stack_id = stack['StackId']
    cfn.delete_stack(StackName='ns')
    for _ in range(5):
        if cfn.describe_stacks(StackName=stack_id)['Stacks'][0]['StackStatus'] == 'DELETE_COMPLETE':
            break
    assert cloud_map.list_namespaces()['Namespaces'] == []


def test_a_stacks_task_definition_keeps_its_efs_volume_as_the_api_names_it(aws):
    cfn, ecs = aws.client('cloudformation'), aws.client('ecs')
    template = {'Resources': {'Backup': {'Type': 'AWS::ECS::TaskDefinition', 'Properties': {
        'Family': 'site-backup', 'RequiresCompatibilities': ['FARGATE'], 'NetworkMode': 'awsvpc', 'Cpu': '256',
        'Memory': '512',
        'Volumes': [{'Name': 'staging'}, {'Name': 'data', 'EFSVolumeConfiguration': {
            'FilesystemId': 'fs-0123456789abcdef0', 'RootDirectory': '/', 'TransitEncryption': 'ENABLED',
            'AuthorizationConfig': {'IAM': 'ENABLED'}}}],
        'ContainerDefinitions': [{'Name': 'archive', 'Image': 'public.ecr.aws/docker/library/alpine:3.20'}]}}}}
    cfn.create_stack(StackName='td', TemplateBody=json.dumps(template))
    for _ in range(5):
        if cfn.describe_stacks(StackName='td')['Stacks'][0]['StackStatus'].endswith('COMPLETE'):
            break
    volumes = ecs.describe_task_definition(taskDefinition='site-backup')['taskDefinition']['volumes']
    assert volumes[1]['efsVolumeConfiguration'] == {
        'fileSystemId': 'fs-0123456789abcdef0', 'rootDirectory': '/', 'transitEncryption': 'ENABLED',
        'authorizationConfig': {'iam': 'ENABLED'}}


def test_a_stacks_task_definition_keeps_its_task_level_properties(aws):
    """moto's model dropped them: a task of the definition had bridge networking (no ENI, no address) and no roles."""
    cfn, ecs = aws.client('cloudformation'), aws.client('ecs')
    template = {'Resources': {'Probe': {'Type': 'AWS::ECS::TaskDefinition', 'Properties': {
        'Family': 'site-probe', 'RequiresCompatibilities': ['FARGATE'], 'NetworkMode': 'awsvpc', 'Cpu': '256',
        'Memory': '512', 'ExecutionRoleArn': 'arn:aws:iam::123456789012:role/exec',
        'TaskRoleArn': 'arn:aws:iam::123456789012:role/task',
        'RuntimePlatform': {'OperatingSystemFamily': 'LINUX', 'CpuArchitecture': 'ARM64'},
        'EphemeralStorage': {'SizeInGiB': 50},
        'ContainerDefinitions': [{'Name': 'probe', 'Image': 'public.ecr.aws/docker/library/alpine:3.20'}]}}}}
    cfn.create_stack(StackName='probe', TemplateBody=json.dumps(template))
    for _ in range(5):
        if cfn.describe_stacks(StackName='probe')['Stacks'][0]['StackStatus'].endswith('COMPLETE'):
            break
    definition = ecs.describe_task_definition(taskDefinition='site-probe')['taskDefinition']
    assert definition['networkMode'] == 'awsvpc'
    assert definition['requiresCompatibilities'] == ['FARGATE'] and 'FARGATE' in definition['compatibilities']
    assert (definition['cpu'], definition['memory']) == ('256', '512')
    assert definition['executionRoleArn'].endswith(':role/exec') and definition['taskRoleArn'].endswith(':role/task')
    assert definition['runtimePlatform'] == {'operatingSystemFamily': 'LINUX', 'cpuArchitecture': 'ARM64'}
    assert definition['ephemeralStorage'] == {'sizeInGiB': 50}
