"""ECS service rollouts (patch ecs-rollout), with boto3 against the emulator started with --ecs-polls 2."""
import json
import os
import pathlib
import re
import subprocess
import sys

import botocore.exceptions
import pytest

CLUSTER = 'berth-test'
ROOT = pathlib.Path(__file__).resolve().parent.parent


class Site:
    """A cluster, two task definition revisions and the default VPC's network, in a reset emulator."""

    def __init__(self, aws, cluster=CLUSTER):
        self.aws, self.cluster = aws, cluster
        self.ecs, self.ec2 = aws.client('ecs'), aws.client('ec2')
        vpc = self.ec2.describe_vpcs(Filters=[{'Name': 'is-default', 'Values': ['true']}])['Vpcs'][0]['VpcId']
        subnets = self.ec2.describe_subnets(Filters=[{'Name': 'vpc-id', 'Values': [vpc]}])['Subnets']
        self.subnets = sorted(s['SubnetId'] for s in subnets)[:2]
        groups = self.ec2.describe_security_groups(Filters=[
            {'Name': 'vpc-id', 'Values': [vpc]}, {'Name': 'group-name', 'Values': ['default']}])['SecurityGroups']
        self.group = groups[0]['GroupId']
        self.ecs.create_cluster(clusterName=cluster)
        self.rev1 = self.register('web', 'nginx:1')
        self.rev2 = self.register('web', 'nginx:2')

    def register(self, family, image, containers=None):
        definitions = containers or [{'name': 'web', 'image': image, 'essential': True, 'memory': 256}]
        return self.ecs.register_task_definition(
            family=family, networkMode='awsvpc', requiresCompatibilities=['FARGATE'], cpu='256', memory='512',
            containerDefinitions=definitions)['taskDefinition']['taskDefinitionArn']

    def network(self, subnets=None):
        return {'awsvpcConfiguration': {'subnets': subnets or self.subnets, 'securityGroups': [self.group]}}

    def create(self, name='web', desired=2, task_definition=None, **kwargs):
        return self.ecs.create_service(
            cluster=self.cluster, serviceName=name, taskDefinition=task_definition or self.rev1, desiredCount=desired,
            launchType='FARGATE', networkConfiguration=self.network(), **kwargs)['service']

    def update(self, name='web', **kwargs):
        return self.ecs.update_service(cluster=self.cluster, service=name, **kwargs)['service']

    def poll(self, name='web'):
        return self.ecs.describe_services(cluster=self.cluster, services=[name])['services'][0]

    def converge(self, name='web', polls=2):
        for _ in range(polls):
            service = self.poll(name)
        return service

    def tasks(self, name='web', status=None):
        arns = self.ecs.list_tasks(cluster=self.cluster, serviceName=name,
                                   **({'desiredStatus': status} if status else {}))['taskArns']
        return self.ecs.describe_tasks(cluster=self.cluster, tasks=arns)['tasks'] if arns else []

    def arm(self, name='web', **extra):
        return self.aws.control('POST', '/_berth/ecs/fail-next-deployment', {'service': name, **extra})


@pytest.fixture
def site(aws):
    return Site(aws)


def summary(service):
    """(status, rolloutState, runningCount) of each deployment, newest first."""
    return [(d['status'], d['rolloutState'], d['runningCount']) for d in service['deployments']]


def detail(task, name):
    """A detail of the task's ENI attachment (subnetId, networkInterfaceId, privateDnsName, ...)."""
    return next(d['value'] for d in task['attachments'][0]['details'] if d['name'] == name)


DEFAULTS = {'deploymentCircuitBreaker': {'enable': False, 'rollback': False}, 'maximumPercent': 200,
            'minimumHealthyPercent': 100}


def messages(service):
    return [e['message'] for e in service['events']]


def test_create_converges_over_polls(site):
    created = site.create()
    assert summary(created) == [('PRIMARY', 'IN_PROGRESS', 0)]
    deployment = created['deployments'][0]
    assert re.fullmatch(r'ecs-svc/\d{19}', deployment['id'])
    assert deployment['rolloutStateReason'] == f'ECS deployment {deployment["id"]} in progress.'
    assert created['runningCount'] == 0 and created['desiredCount'] == 2
    assert created['deploymentConfiguration'] == DEFAULTS

    first = site.poll()
    assert summary(first) == [('PRIMARY', 'IN_PROGRESS', 1)]
    assert re.fullmatch(r'\(service web\) has started 1 tasks: \(task [0-9a-f]{32}\)\.', messages(first)[0])
    second = site.poll()
    assert summary(second) == [('PRIMARY', 'COMPLETED', 2)]
    assert second['runningCount'] == 2 and second['pendingCount'] == 0
    assert second['deployments'][0]['rolloutStateReason'] == f'ECS deployment {deployment["id"]} completed.'
    assert messages(second)[:2] == ['(service web) has reached a steady state.',
                                    f'(service web) (deployment {deployment["id"]}) deployment completed.']
    site.ecs.get_waiter('services_stable').wait(cluster=CLUSTER, services=['web'],
                                                WaiterConfig={'Delay': 0.1, 'MaxAttempts': 3})

    tasks = site.tasks()
    assert len(tasks) == 2
    for task in tasks:
        assert task['lastStatus'] == task['desiredStatus'] == 'RUNNING'
        assert task['group'] == 'service:web' and task['startedBy'] == deployment['id']
        assert task['taskDefinitionArn'] == site.rev1
        assert re.fullmatch(r'[0-9a-f]{32}', task['taskArn'].rsplit('/', 1)[-1])
        assert task['attachments'][0]['type'] == 'ElasticNetworkInterface'
        assert detail(task, 'subnetId') in site.subnets and detail(task, 'privateDnsName').startswith('ip-')
        assert task['availabilityZone'].startswith('us-east-1')
        assert [c['name'] for c in task['containers']] == ['web']
    # Tasks are spread over the service's subnets.
    assert sorted({detail(t, 'subnetId') for t in tasks}) == site.subnets


def test_deployment_configuration_is_stored_with_defaults(site):
    created = site.create(deploymentConfiguration={'deploymentCircuitBreaker': {'enable': True, 'rollback': True}})
    assert created['deploymentConfiguration'] == {
        **DEFAULTS, 'deploymentCircuitBreaker': {'enable': True, 'rollback': True}}
    updated = site.update(deploymentConfiguration={'maximumPercent': 150})
    assert updated['deploymentConfiguration']['maximumPercent'] == 150
    assert updated['deploymentConfiguration']['deploymentCircuitBreaker'] == {'enable': True, 'rollback': True}


def test_rolling_update_to_a_new_revision(site):
    site.create()
    old_id = site.converge()['deployments'][0]['id']
    old_tasks = {t['taskArn'] for t in site.tasks()}

    # Naming the revision in use (by family:revision) changes nothing.
    same = site.update(taskDefinition='web:1')
    assert summary(same) == [('PRIMARY', 'COMPLETED', 2)] and same['deployments'][0]['id'] == old_id

    updated = site.update(taskDefinition='web')  # the family: its latest revision, web:2
    assert updated['taskDefinition'] == site.rev2
    assert summary(updated) == [('PRIMARY', 'IN_PROGRESS', 0), ('ACTIVE', 'COMPLETED', 2)]
    assert updated['deployments'][0]['taskDefinition'] == site.rev2
    assert summary(site.poll()) == [('PRIMARY', 'IN_PROGRESS', 1), ('ACTIVE', 'COMPLETED', 1)]
    done = site.poll()
    assert summary(done) == [('PRIMARY', 'COMPLETED', 2)] and done['runningCount'] == 2
    new_id = done['deployments'][0]['id']
    assert any(m.startswith('(service web) has stopped 1 running tasks: (task ') for m in messages(done))
    assert messages(done)[:2] == ['(service web) has reached a steady state.',
                                  f'(service web) (deployment {new_id}) deployment completed.']

    running = site.tasks()
    assert {t['taskDefinitionArn'] for t in running} == {site.rev2} and len(running) == 2
    stopped = site.tasks(status='STOPPED')
    assert {t['taskArn'] for t in stopped} == old_tasks
    for task in stopped:
        assert task['lastStatus'] == 'STOPPED' and task['stopCode'] == 'ServiceSchedulerInitiated'
        assert task['stoppedReason'] == f'Scaling activity initiated by (deployment {new_id})'
        assert task['attachments'][0]['status'] == 'DELETED'


def test_force_new_deployment(site):
    site.create()
    old_id = site.converge()['deployments'][0]['id']
    forced = site.update(forceNewDeployment=True)
    assert summary(forced) == [('PRIMARY', 'IN_PROGRESS', 0), ('ACTIVE', 'COMPLETED', 2)]
    assert forced['deployments'][0]['id'] != old_id
    assert forced['deployments'][0]['taskDefinition'] == forced['deployments'][1]['taskDefinition'] == site.rev1
    assert summary(site.converge()) == [('PRIMARY', 'COMPLETED', 2)]


def test_network_and_platform_changes_start_a_deployment(site):
    site.create()
    site.converge()
    # The same network in another order is no change.
    same = site.update(networkConfiguration=site.network(list(reversed(site.subnets))))
    assert len(same['deployments']) == 1
    moved = site.update(networkConfiguration=site.network(site.subnets[:1]))
    assert summary(moved)[0] == ('PRIMARY', 'IN_PROGRESS', 0)
    site.converge()
    assert {detail(t, 'subnetId') for t in site.tasks()} == {site.subnets[0]}
    platform = site.update(platformVersion='1.4.0')
    assert summary(platform)[0] == ('PRIMARY', 'IN_PROGRESS', 0)


def test_desired_count_alone_scales_without_a_deployment(site):
    site.create()
    deployment_id = site.converge()['deployments'][0]['id']
    scaled = site.update(desiredCount=4)
    assert scaled['desiredCount'] == 4
    assert summary(scaled) == [('PRIMARY', 'COMPLETED', 2)] and scaled['deployments'][0]['id'] == deployment_id
    assert summary(site.poll()) == [('PRIMARY', 'COMPLETED', 3)]
    done = site.poll()
    assert summary(done) == [('PRIMARY', 'COMPLETED', 4)] and done['runningCount'] == 4
    assert messages(done)[0] == '(service web) has reached a steady state.'
    assert len(site.tasks()) == 4
    down = site.update(desiredCount=1)
    assert len(down['deployments']) == 1
    site.converge()
    assert len(site.tasks()) == 1 and len(site.tasks(status='STOPPED')) == 3


def test_polls_are_configurable(aws, site):
    try:
        assert aws.control('POST', '/_berth/ecs/config', {'polls': 0})['polls'] == 0
        created = site.create()
        assert summary(created) == [('PRIMARY', 'COMPLETED', 2)]
        assert created['events'][0]['message'] == '(service web) has reached a steady state.'
        assert summary(site.update(taskDefinition=site.rev2)) == [('PRIMARY', 'COMPLETED', 2)]

        aws.control('POST', '/_berth/ecs/config', {'polls': 3})
        site.update(forceNewDeployment=True)
        assert [summary(site.poll())[0][1] for _ in range(3)] == ['IN_PROGRESS', 'IN_PROGRESS', 'COMPLETED']
        assert aws.control('GET', '/_berth/state')['patches']['ecs-rollout']['polls'] == 3
    finally:
        aws.control('POST', '/_berth/ecs/config', {'polls': 2})
    with pytest.raises(Exception, match='400'):
        aws.control('POST', '/_berth/ecs/config', {'polls': -1})


def test_failure_switch_fails_the_deployment_and_rolls_back(aws, site):
    site.create(deploymentConfiguration={'deploymentCircuitBreaker': {'enable': True, 'rollback': True}})
    good_id = site.converge()['deployments'][0]['id']
    state = site.arm('web', cluster=CLUSTER)
    assert state['failNextDeployment'] == [{'service': 'web', 'cluster': CLUSTER}]

    updated = site.update(taskDefinition=site.rev2)
    failing_id = updated['deployments'][0]['id']
    first = site.poll()
    assert first['deployments'][0]['failedTasks'] == 2 and summary(first)[0] == ('PRIMARY', 'IN_PROGRESS', 0)
    assert summary(first)[1] == ('ACTIVE', 'COMPLETED', 2)  # the old tasks keep running

    failed = site.poll()
    failing = next(d for d in failed['deployments'] if d['id'] == failing_id)
    assert failing['status'] == 'ACTIVE' and failing['rolloutState'] == 'FAILED' and failing['failedTasks'] == 3
    assert failing['rolloutStateReason'] == 'ECS deployment circuit breaker: tasks failed to start.'
    rollback = failed['deployments'][0]
    assert rollback['status'] == 'PRIMARY' and rollback['rolloutState'] == 'IN_PROGRESS'
    assert rollback['taskDefinition'] == site.rev1 and failed['taskDefinition'] == site.rev1
    assert rollback['rolloutStateReason'] == f'ECS deployment circuit breaker: rolling back to deploymentId {good_id}.'
    assert messages(failed)[:2] == [f'(service web) rolling back to deployment {good_id}.',
                                    f'(service web) (deployment {failing_id}) deployment failed: '
                                    'tasks failed to start.']

    # What Berth reads to explain the failure: the stopped tasks and their containers.
    stopped = site.tasks(status='STOPPED')
    assert len(stopped) == 3
    for task in stopped:
        assert task['stoppedReason'] == 'Essential container in task exited'
        assert task['stopCode'] == 'EssentialContainerExited' and task['startedBy'] == failing_id
        assert task['taskDefinitionArn'] == site.rev2 and [c['exitCode'] for c in task['containers']] == [1]

    done = site.converge()
    assert summary(done) == [('PRIMARY', 'COMPLETED', 2)] and done['deployments'][0]['taskDefinition'] == site.rev1
    assert {t['taskDefinitionArn'] for t in site.tasks()} == {site.rev1} and len(site.tasks()) == 2
    assert aws.control('GET', '/_berth/ecs/state')['failNextDeployment'] == []
    # The switch is used up: the next deployment succeeds.
    site.update(taskDefinition=site.rev2)
    assert summary(site.converge()) == [('PRIMARY', 'COMPLETED', 2)]


def test_failed_first_deployment_stays_failed(site):
    site.arm('web')
    site.create(desired=8)
    site.poll()
    failed = site.poll()
    assert summary(failed) == [('PRIMARY', 'FAILED', 0)]
    assert failed['deployments'][0]['failedTasks'] == 4  # half the desired count
    assert failed['runningCount'] == 0 and site.tasks() == []
    assert len(site.tasks(status='STOPPED')) == 4
    assert summary(site.poll()) == [('PRIMARY', 'FAILED', 0)]


def test_rollback_false_keeps_the_failed_deployment(site):
    site.create(deploymentConfiguration={'deploymentCircuitBreaker': {'enable': True, 'rollback': False}})
    site.converge()
    site.arm('web')
    site.update(taskDefinition=site.rev2)
    failed = site.converge()
    assert summary(failed) == [('PRIMARY', 'FAILED', 0), ('ACTIVE', 'COMPLETED', 2)]
    assert failed['taskDefinition'] == site.rev2


def test_scale_only_update_keeps_the_switch_armed(aws, site):
    site.create()
    site.converge()
    site.arm('web')
    site.update(desiredCount=3)
    assert summary(site.converge()) == [('PRIMARY', 'COMPLETED', 3)]
    assert aws.control('GET', '/_berth/ecs/state')['failNextDeployment'] == [{'service': 'web', 'cluster': None}]
    site.arm('other')
    site.update(forceNewDeployment=True)
    assert site.converge()['deployments'][1]['rolloutState'] == 'FAILED'
    assert aws.control('GET', '/_berth/ecs/state')['failNextDeployment'] == [{'service': 'other', 'cluster': None}]


def test_switch_for_another_cluster_does_not_fire(aws, site):
    site.arm('web', cluster='elsewhere')
    site.create()
    assert summary(site.converge()) == [('PRIMARY', 'COMPLETED', 2)]


def test_reset_disarms_switches(aws, site):
    site.arm('web')
    aws.control('POST', '/moto-api/reset')
    assert aws.control('GET', '/_berth/ecs/state')['failNextDeployment'] == []
    site = Site(aws)
    site.arm('web')
    aws.control('POST', '/_berth/reset-switches')
    assert aws.control('GET', '/_berth/state')['patches']['ecs-rollout']['failNextDeployment'] == []
    site.create()
    assert summary(site.converge()) == [('PRIMARY', 'COMPLETED', 2)]


def test_control_api_errors(aws):
    with pytest.raises(Exception, match='400'):
        aws.control('POST', '/_berth/ecs/fail-next-deployment', {})
    with pytest.raises(Exception, match='404'):
        aws.control('POST', '/_berth/ecs/no-such-action', {})


def test_list_tasks_filters(site):
    site.create('web')
    site.create('api', desired=1)
    site.converge('web')
    site.converge('api')
    other = Site(site.aws, cluster=CLUSTER + '-two')  # a cluster whose name starts with the first one's
    other.create('web', desired=1)
    other.converge('web')
    everything = site.ecs.list_tasks(cluster=CLUSTER)['taskArns']
    assert len(everything) == 3
    assert len(site.ecs.list_tasks(cluster=CLUSTER, serviceName='web')['taskArns']) == 2
    assert len(site.ecs.list_tasks(cluster=CLUSTER, serviceName='api')['taskArns']) == 1
    site.update(taskDefinition=site.rev2)
    site.converge()
    # Without desiredStatus only tasks that should run; STOPPED ones on request.
    assert len(site.ecs.list_tasks(cluster=CLUSTER)['taskArns']) == 3
    assert len(site.ecs.list_tasks(cluster=CLUSTER, desiredStatus='STOPPED')['taskArns']) == 2
    assert len(site.ecs.list_tasks(cluster=CLUSTER, desiredStatus='RUNNING', serviceName='web')['taskArns']) == 2


def test_delete_service_stops_its_tasks(site):
    site.create()
    site.converge()
    enis = {detail(t, 'networkInterfaceId') for t in site.tasks()}
    site.update(desiredCount=0)
    deleted = site.ecs.delete_service(cluster=CLUSTER, service='web', force=True)['service']
    assert deleted['status'] in ('DRAINING', 'INACTIVE') and deleted['runningCount'] == 0
    assert site.ecs.list_tasks(cluster=CLUSTER, desiredStatus='RUNNING')['taskArns'] == []
    assert len(site.tasks(status='STOPPED')) == 2
    left = {e['NetworkInterfaceId'] for e in site.ec2.describe_network_interfaces()['NetworkInterfaces']}
    assert not enis & left
    for call in (lambda: site.ecs.delete_service(cluster=CLUSTER, service='web', force=True),
                 lambda: site.update(desiredCount=1)):
        with pytest.raises(botocore.exceptions.ClientError) as e:
            call()
        assert e.value.response['Error']['Code'] == 'ServiceNotActiveException'
    # The name is free again.
    site.create()
    assert summary(site.converge()) == [('PRIMARY', 'COMPLETED', 2)]


def test_deleting_a_stack_deletes_its_service(aws, site):
    template = {'Resources': {'Service': {'Type': 'AWS::ECS::Service', 'Properties': {
        'Cluster': CLUSTER, 'ServiceName': 'stacked', 'TaskDefinition': site.rev1, 'DesiredCount': 1,
        'LaunchType': 'FARGATE', 'NetworkConfiguration': {'AwsvpcConfiguration': {
            'Subnets': site.subnets, 'SecurityGroups': [site.group]}}}}}}
    cfn = aws.client('cloudformation')
    cfn.create_stack(StackName='stacked', TemplateBody=json.dumps(template))
    cfn.get_waiter('stack_create_complete').wait(StackName='stacked', WaiterConfig={'Delay': 0.1, 'MaxAttempts': 20})
    assert site.converge('stacked')['status'] == 'ACTIVE'
    cfn.delete_stack(StackName='stacked')
    cfn.get_waiter('stack_delete_complete').wait(StackName='stacked', WaiterConfig={'Delay': 0.1, 'MaxAttempts': 20})
    assert site.poll('stacked')['status'] == 'INACTIVE'
    assert site.ecs.list_tasks(cluster=CLUSTER)['taskArns'] == []


def test_create_service_twice(site):
    first = site.create(clientToken='token-1')
    again = site.create(clientToken='token-1')
    assert again['deployments'][0]['id'] == first['deployments'][0]['id']
    with pytest.raises(botocore.exceptions.ClientError) as e:
        site.create(clientToken='token-2')
    assert e.value.response['Error']['Code'] == 'InvalidParameterException'
    assert 'not idempotent' in e.value.response['Error']['Message']


def test_task_in_a_vpc_without_dns_hostnames(site):
    vpc = site.ec2.create_vpc(CidrBlock='10.20.0.0/16')['Vpc']['VpcId']
    subnet = site.ec2.create_subnet(VpcId=vpc, CidrBlock='10.20.1.0/24')['Subnet']['SubnetId']
    group = site.ec2.create_security_group(GroupName='web', Description='web', VpcId=vpc)['GroupId']
    network = {'awsvpcConfiguration': {'subnets': [subnet], 'securityGroups': [group]}}
    site.ecs.create_service(cluster=CLUSTER, serviceName='web', taskDefinition=site.rev1, desiredCount=1,
                            launchType='FARGATE', networkConfiguration=network)
    assert summary(site.converge()) == [('PRIMARY', 'COMPLETED', 1)]
    task = site.tasks()[0]
    assert detail(task, 'subnetId') == subnet
    address = detail(task, 'privateIPv4Address')
    assert detail(task, 'privateDnsName') == 'ip-' + address.replace('.', '-') + '.ec2.internal'


def test_grouped_task_failure_shows_every_container(site):
    pair = site.register('pair', None, containers=[
        {'name': 'web', 'image': 'nginx', 'essential': True, 'memory': 128},
        {'name': 'init', 'image': 'busybox', 'essential': False, 'memory': 64}])
    site.arm('pair')
    site.create('pair', desired=1, task_definition=pair)
    site.converge('pair')
    task = site.tasks('pair', status='STOPPED')[0]
    assert [(c['name'], c['exitCode'], c['lastStatus']) for c in task['containers']] == [
        ('web', 1, 'STOPPED'), ('init', 0, 'STOPPED')]
    assert all(c['taskArn'] == task['taskArn'] for c in task['containers'])


def test_events_are_capped_at_100(aws, site):
    try:
        aws.control('POST', '/_berth/ecs/config', {'polls': 0})
        site.create(desired=1)
        for _ in range(26):
            site.update(forceNewDeployment=True)
        events = site.poll()['events']
        assert len(events) == 100
        assert [e['createdAt'] for e in events] == sorted((e['createdAt'] for e in events), reverse=True)
    finally:
        aws.control('POST', '/_berth/ecs/config', {'polls': 2})


def test_moved_moto_internals_stop_the_start():
    """A moto whose internals the patches rely on moved: install_patches exits 3 and names each mismatch."""
    script = ('import moto.ecs.models as m, moto.efs.models as f, moto.logs.responses as r\n'
              'del m.EC2ContainerServiceBackend.list_tasks\n'
              'f.EFSBackend.create_access_point = lambda self, token: None\n'
              'del r.LogsResponse.filter_log_events\n'
              'from berth_emulator.backend import install_patches\n'
              'from berth_emulator.settings import Settings\n'
              'install_patches(Settings())\n')
    result = subprocess.run([sys.executable, '-c', script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={**os.environ, 'PYTHONPATH': str(ROOT), 'BERTH_EMULATOR_ONLY': 'ecs,efs,logs'})
    assert result.returncode == 3, result.stderr
    assert 'ecs-rollout: EC2ContainerServiceBackend.list_tasks is missing' in result.stderr
    assert 'efs-tokens: EFSBackend.create_access_point() has no parameter(s)' in result.stderr
    assert 'logs-filter: LogsResponse.filter_log_events is missing' in result.stderr
