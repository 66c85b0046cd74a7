"""ECS standalone tasks and ECS Exec (patch ecs-tasks), with boto3 against the emulator (task polls 2, the default)."""
import os
import pathlib
import re
import subprocess
import sys

import botocore.exceptions
import pytest

CLUSTER = 'berth-run'
ROOT = pathlib.Path(__file__).resolve().parent.parent
GROUP = '/berth/site/dev'
EXEC_NOT_ENABLED = ('The execute command failed because execute command was not enabled when the task was run or the '
                    'execute command agent isn\u2019t running. Wait and try again or run a new task with execute '
                    'command enabled and try again.')


def awslogs(prefix, group=GROUP, **extra):
    return {'logDriver': 'awslogs', 'options': {'awslogs-group': group, 'awslogs-region': 'us-east-1',
                                                'awslogs-stream-prefix': prefix, **extra}}


class Site:
    """A cluster, a log group, the default VPC's subnets and a task definition like Berth's: Fargate, task-level
    cpu and memory only, an essential `web` container and a non-essential `worker`, both logging with awslogs."""

    def __init__(self, aws):
        self.aws = aws
        self.ecs, self.ec2, self.logs = aws.client('ecs'), aws.client('ec2'), aws.client('logs')
        vpc = self.ec2.describe_vpcs(Filters=[{'Name': 'is-default', 'Values': ['true']}])['Vpcs'][0]['VpcId']
        subnets = self.ec2.describe_subnets(Filters=[{'Name': 'vpc-id', 'Values': [vpc]}])['Subnets']
        self.subnets = sorted(s['SubnetId'] for s in subnets)[:2]
        self.group = self.ec2.describe_security_groups(Filters=[
            {'Name': 'vpc-id', 'Values': [vpc]}, {'Name': 'group-name', 'Values': ['default']}])['SecurityGroups'][0]
        self.ecs.create_cluster(clusterName=CLUSTER)
        self.logs.create_log_group(logGroupName=GROUP)
        self.td = self.register('site-web', [
            {'name': 'web', 'image': 'example/web:1', 'essential': True, 'command': ['bin/serve', '--port', '80'],
             'logConfiguration': awslogs('web')},
            {'name': 'worker', 'image': 'example/worker:1', 'essential': False, 'entryPoint': ['bin/work'],
             'logConfiguration': awslogs('worker')}])

    def register(self, family, containers, **kwargs):
        return self.ecs.register_task_definition(
            family=family, networkMode='awsvpc', requiresCompatibilities=['FARGATE'], cpu='256', memory='512',
            containerDefinitions=containers, **kwargs)['taskDefinition']['taskDefinitionArn']

    def network(self, groups=True):
        awsvpc = {'subnets': self.subnets[:1]}
        if groups:
            awsvpc['securityGroups'] = [self.group['GroupId']]
        return {'awsvpcConfiguration': awsvpc}

    def run(self, task_definition=None, command=None, container='web', **kwargs):
        kwargs.setdefault('networkConfiguration', self.network())
        if command is not None:
            kwargs['overrides'] = {'containerOverrides': [{'name': container, 'command': command}]}
        answer = self.ecs.run_task(cluster=CLUSTER, taskDefinition=task_definition or self.td, launchType='FARGATE',
                                   **kwargs)
        assert answer['failures'] == []
        return answer['tasks'][0]

    def describe(self, task):
        return self.ecs.describe_tasks(cluster=CLUSTER, tasks=[task['taskArn']])['tasks'][0]

    def statuses(self, task, polls):
        return [self.describe(task)['lastStatus'] for _ in range(polls)]

    def output(self, stream):
        return [e['message'] for e in self.logs.get_log_events(
            logGroupName=GROUP, logStreamName=stream, startFromHead=True)['events']]

    def streams(self):
        return sorted(s['logStreamName'] for s in self.logs.describe_log_streams(logGroupName=GROUP)['logStreams'])

    def execute(self, task, container='web', command='/bin/sh', **kwargs):
        kwargs.setdefault('interactive', True)
        if container is not None:
            kwargs['container'] = container
        return self.ecs.execute_command(cluster=kwargs.pop('cluster', CLUSTER), task=task['taskArn'],
                                        command=command, **kwargs)

    def state(self):
        return self.aws.control('GET', '/_berth/ecstask/state')


@pytest.fixture
def site(aws):
    return Site(aws)


def task_id(task):
    return task['taskArn'].rsplit('/', 1)[-1]


def error(call):
    with pytest.raises(botocore.exceptions.ClientError) as e:
        call()
    return e.value.response['Error']


def containers(task):
    return [(c['name'], c['lastStatus'], c.get('exitCode')) for c in task['containers']]


def test_run_task_without_container_memory(site):
    """Fargate takes task-level cpu and memory alone; moto answered 500 (TypeError)."""
    task = site.run()
    assert task['lastStatus'] == 'PENDING' and task['desiredStatus'] == 'RUNNING'
    assert task['cpu'] == '256' and task['memory'] == '512' and task['launchType'] == 'FARGATE'
    assert task['group'] == 'family:site-web' and 'createdAt' in task
    assert re.fullmatch(r'arn:aws:ecs:us-east-1:\d{12}:task/berth-run/[0-9a-f]{32}', task['taskArn'])
    assert containers(task) == [('web', 'PENDING', None), ('worker', 'PENDING', None)]
    assert all(c['taskArn'] == task['taskArn'] for c in task['containers'])
    assert task['attachments'][0]['type'] == 'ElasticNetworkInterface'
    # A container with memoryReservation alone counts that.
    reserved = site.register('reserved', [{'name': 'one', 'image': 'x', 'memoryReservation': 64}])
    assert site.run(reserved)['lastStatus'] == 'PENDING'


def test_run_task_refuses_a_network_that_does_not_exist(site):
    """ECS checks the awsvpcConfiguration before it starts a task; moto failed with an internal error (500)."""
    def refused(**awsvpc):
        return error(lambda: site.ecs.run_task(cluster=CLUSTER, taskDefinition=site.td, launchType='FARGATE',
                                               networkConfiguration={'awsvpcConfiguration': awsvpc}))
    assert refused(subnets=['subnet-0123456789abcdef0'], securityGroups=[site.group['GroupId']]) == {
        'Code': 'InvalidParameterException',
        'Message': "Error retrieving subnet information for [subnet-0123456789abcdef0]: The subnet ID "
                   "'subnet-0123456789abcdef0' does not exist (ErrorCode: InvalidSubnetID.NotFound)"}
    assert refused(subnets=site.subnets[:1], securityGroups=['sg-0123456789abcdef0'])['Message'] == (
        "Error retrieving security group information for [sg-0123456789abcdef0]: The security group "
        "'sg-0123456789abcdef0' does not exist (ErrorCode: InvalidGroup.NotFound)")


def test_run_task_refuses_overrides_over_8192_characters(site):
    """RunTask: "A total of 8192 characters are allowed for overrides. This limit includes the JSON formatting
    characters of the override structure." moto took any size."""
    def run(value):
        return site.ecs.run_task(
            cluster=CLUSTER, taskDefinition=site.td, launchType='FARGATE',
            networkConfiguration={'awsvpcConfiguration': {'subnets': site.subnets[:1],
                                                          'securityGroups': [site.group['GroupId']]}},
            overrides={'containerOverrides': [{'name': 'web', 'environment': [{'name': 'A', 'value': value}]}]})
    assert run('x' * 8000)['tasks']
    refused = error(lambda: run('x' * 8200))
    assert refused['Code'] == 'InvalidParameterException' and 'at most 8192' in refused['Message']


def test_lifecycle_over_polls_exit_codes_and_output(site):
    task = site.run(command=['bin/rake', 'db:migrate'], startedBy='berth-run')
    assert site.describe(task)['lastStatus'] == 'RUNNING'
    running = site.describe(task)
    assert running['lastStatus'] == 'RUNNING' and running['desiredStatus'] == 'RUNNING'
    assert containers(running) == [('web', 'RUNNING', None), ('worker', 'RUNNING', None)]
    assert 'startedAt' in running and 'stoppedAt' not in running
    # Listed as RUNNING while it runs, by startedBy and by family.
    assert site.ecs.list_tasks(cluster=CLUSTER, startedBy='berth-run')['taskArns'] == [task['taskArn']]
    assert site.ecs.list_tasks(cluster=CLUSTER, family='site-web')['taskArns'] == [task['taskArn']]
    assert site.streams() == []  # nothing is written before the containers exit

    stopped = site.describe(task)  # the third call: after 2 polls it has stopped
    assert stopped['lastStatus'] == stopped['desiredStatus'] == 'STOPPED'
    assert stopped['stoppedReason'] == 'Essential container in task exited'
    assert stopped['stopCode'] == 'EssentialContainerExited'
    assert stopped['stoppedAt'] >= stopped['startedAt'] >= stopped['createdAt']
    assert containers(stopped) == [('web', 'STOPPED', 0), ('worker', 'STOPPED', 0)]
    assert stopped['attachments'][0]['status'] == 'DELETED'
    assert site.describe(task)['lastStatus'] == 'STOPPED'
    assert site.ecs.list_tasks(cluster=CLUSTER, startedBy='berth-run')['taskArns'] == []
    assert site.ecs.list_tasks(cluster=CLUSTER, startedBy='berth-run', desiredStatus='STOPPED')['taskArns'] == [
        task['taskArn']]
    assert site.ecs.list_tasks(cluster=CLUSTER, family='other', desiredStatus='STOPPED')['taskArns'] == []

    # Each container's output, as awslogs names its stream: prefix/container/task id.
    tid = task_id(task)
    assert site.streams() == [f'web/web/{tid}', f'worker/worker/{tid}']
    assert site.output(f'web/web/{tid}') == ['bin/rake db:migrate']  # the override
    assert site.output(f'worker/worker/{tid}') == ['bin/work']     # no command: the entryPoint
    # Without an override the definition's command runs.
    plain = site.run()
    site.statuses(plain, 3)
    assert site.output(f'web/web/{task_id(plain)}') == ['bin/serve --port 80']
    assert site.state()['tasks'][0]['describes'] == 4


def test_polls_are_configurable(aws, site):
    try:
        assert aws.control('POST', '/_berth/ecstask/config', {'polls': 0})['polls'] == 0
        assert site.statuses(site.run(), 1) == ['STOPPED']
        aws.control('POST', '/_berth/ecstask/config', {'polls': 3})
        assert site.statuses(site.run(), 5) == ['RUNNING', 'RUNNING', 'RUNNING', 'STOPPED', 'STOPPED']
        assert aws.control('GET', '/_berth/state')['patches']['ecs-tasks']['polls'] == 3
    finally:
        aws.control('POST', '/_berth/ecstask/config', {'polls': 2})
    for bad in (-1, 'two', True):
        with pytest.raises(Exception, match='400'):
            aws.control('POST', '/_berth/ecstask/config', {'polls': bad})


def test_next_exit_code_switch(aws, site):
    assert aws.control('POST', '/_berth/ecstask/next-exit-code', {'code': 3})['nextExitCode'] == 3
    failing = site.run(command=['false'])
    assert site.state()['nextExitCode'] is None  # used up by that RunTask
    ok = site.run()
    site.statuses(failing, 3)
    site.statuses(ok, 3)
    assert containers(site.describe(failing)) == [('web', 'STOPPED', 3), ('worker', 'STOPPED', 0)]
    assert site.describe(failing)['stoppedReason'] == 'Essential container in task exited'
    assert containers(site.describe(ok)) == [('web', 'STOPPED', 0), ('worker', 'STOPPED', 0)]
    assert site.output(f'web/web/{task_id(failing)}') == ['false']
    # null disarms; codes outside 0-255 are refused.
    aws.control('POST', '/_berth/ecstask/next-exit-code', {'code': 9})
    assert aws.control('POST', '/_berth/ecstask/next-exit-code', {'code': None})['nextExitCode'] is None
    for bad in (256, -1, '1', False):
        with pytest.raises(Exception, match='400'):
            aws.control('POST', '/_berth/ecstask/next-exit-code', {'code': bad})


def test_stop_task(site):
    task = site.run(command=['bin/sleep', '600'])
    site.describe(task)
    stopped = site.ecs.stop_task(cluster=CLUSTER, task=task['taskArn'], reason='Stopped by berth run (interrupted)')
    assert stopped['task']['lastStatus'] == 'STOPPED'
    described = site.describe(task)
    assert described['stopCode'] == 'UserInitiated'
    assert described['stoppedReason'] == 'Stopped by berth run (interrupted)'
    assert containers(described) == [('web', 'STOPPED', 143), ('worker', 'STOPPED', 143)]  # SIGTERM
    assert site.output(f'web/web/{task_id(task)}') == ['bin/sleep 600']
    # Stopping it again changes nothing.
    again = site.ecs.stop_task(cluster=CLUSTER, task=task_id(task), reason='again')['task']
    assert again['stoppedReason'] == 'Stopped by berth run (interrupted)'

    # A task stopped while PENDING never ran: no exit codes, no output; the default reason.
    pending = site.run()
    site.ecs.stop_task(cluster=CLUSTER, task=task_id(pending))
    described = site.describe(pending)
    assert described['stoppedReason'] == 'Task stopped by user' and described['stopCode'] == 'UserInitiated'
    assert containers(described) == [('web', 'STOPPED', None), ('worker', 'STOPPED', None)]
    assert f'web/web/{task_id(pending)}' not in site.streams()

    assert error(lambda: site.ecs.stop_task(cluster=CLUSTER, task='0' * 32))['Code'] == 'InvalidParameterException'
    assert error(lambda: site.ecs.stop_task(cluster='missing', task=task_id(task)))['Code'] == \
        'ClusterNotFoundException'


def test_runtime_id_and_managed_agents(site):
    task = site.run(enableExecuteCommand=True)
    assert task['enableExecuteCommand'] is True
    tid = task_id(task)
    for container in task['containers']:
        assert re.fullmatch(rf'{tid}-\d{{10}}', container['runtimeId'])
        assert container['managedAgents'] == [{'name': 'ExecuteCommandAgent', 'lastStatus': 'PENDING'}]
    running = site.describe(task)
    assert running['enableExecuteCommand'] is True
    assert [c['runtimeId'] for c in running['containers']] == [c['runtimeId'] for c in task['containers']]
    for container in running['containers']:
        (agent,) = container['managedAgents']
        assert (agent['name'], agent['lastStatus']) == ('ExecuteCommandAgent', 'RUNNING') and 'lastStartedAt' in agent
    site.statuses(task, 2)
    assert {a['lastStatus'] for c in site.describe(task)['containers'] for a in c['managedAgents']} == {'STOPPED'}

    plain = site.run()
    assert plain['enableExecuteCommand'] is False
    described = site.describe(plain)
    assert described['enableExecuteCommand'] is False
    assert all('managedAgents' not in c and c['runtimeId'].startswith(task_id(plain) + '-')
               for c in described['containers'])


def test_execute_command(aws, site):
    task = site.run(enableExecuteCommand=True)
    site.describe(task)
    answer = site.execute(task, command='/bin/sh -c "ls /app"')
    answer.pop('ResponseMetadata')
    session = answer.pop('session')
    assert answer == {'clusterArn': task['clusterArn'], 'containerArn': task['containers'][0]['containerArn'],
                      'containerName': 'web', 'interactive': True, 'taskArn': task['taskArn']}
    assert re.fullmatch(r'ecs-execute-command-[0-9a-f]{17}', session['sessionId'])
    assert re.fullmatch(
        rf'wss://ssmmessages\.us-east-1\.amazonaws\.com/v1/data-channel/{session["sessionId"]}'
        r'\?role=publish_subscribe&cell-number=[A-Za-z0-9_-]+', session['streamUrl'])
    assert len(session['tokenValue']) >= 200
    # By task id, in the worker container: another session.
    other = site.ecs.execute_command(cluster=CLUSTER, task=task_id(task), container='worker', command='env',
                                     interactive=True)
    assert other['session']['sessionId'] != session['sessionId'] and other['containerName'] == 'worker'
    assert site.state()['executeCommands'] == [
        {'cluster': CLUSTER, 'clusterArn': task['clusterArn'], 'task': task['taskArn'], 'taskArn': task['taskArn'],
         'container': 'web', 'command': '/bin/sh -c "ls /app"', 'interactive': True,
         'sessionId': session['sessionId'], 'error': None},
        {'cluster': CLUSTER, 'clusterArn': task['clusterArn'], 'task': task_id(task), 'taskArn': task['taskArn'],
         'container': 'worker', 'command': 'env', 'interactive': True,
         'sessionId': other['session']['sessionId'], 'error': None}]
    assert aws.control('GET', '/_berth/state')['patches']['ecs-tasks']['executeCommands'][1]['container'] == 'worker'


def test_execute_command_refusals(site):
    def refused(call):
        e = error(call)
        return e['Code'], e['Message']
    enabled = site.run(enableExecuteCommand=True)
    # PENDING: the agent is not running yet.
    assert refused(lambda: site.execute(enabled)) == ('InvalidParameterException', EXEC_NOT_ENABLED)
    site.describe(enabled)
    disabled = site.run()
    site.describe(disabled)
    assert refused(lambda: site.execute(disabled)) == ('InvalidParameterException', EXEC_NOT_ENABLED)
    assert refused(lambda: site.execute(enabled, interactive=False)) == (
        'InvalidParameterException', 'Interactive is the only mode supported currently.')
    assert refused(lambda: site.execute(enabled, cluster='missing'))[0] == 'ClusterNotFoundException'
    assert refused(lambda: site.execute({'taskArn': '0' * 32}))[0] == 'InvalidParameterException'
    assert refused(lambda: site.execute(enabled, container=None))[0] == 'InvalidParameterException'  # two containers
    assert refused(lambda: site.execute(enabled, container='db'))[0] == 'InvalidParameterException'
    site.statuses(enabled, 2)  # STOPPED
    assert refused(lambda: site.execute(enabled)) == ('InvalidParameterException', EXEC_NOT_ENABLED)
    records = site.state()['executeCommands']
    assert [(r['error'] or {}).get('code') for r in records] == [
        'InvalidParameterException', 'InvalidParameterException', 'InvalidParameterException',
        'ClusterNotFoundException', 'InvalidParameterException', 'InvalidParameterException',
        'InvalidParameterException', 'InvalidParameterException']
    assert all(r['sessionId'] is None for r in records)
    assert records[0]['error']['message'] == EXEC_NOT_ENABLED


def test_single_container_task_needs_no_container_name(site):
    one = site.register('one', [{'name': 'app', 'image': 'example/app', 'logConfiguration': awslogs('app')}])
    task = site.run(one, enableExecuteCommand=True)
    site.describe(task)
    assert site.execute(task, container=None)['containerName'] == 'app'


def test_service_tasks_take_enable_execute_command_from_their_service(aws, site):
    def create(name, **kwargs):
        return site.ecs.create_service(cluster=CLUSTER, serviceName=name, taskDefinition=site.td, desiredCount=1,
                                       launchType='FARGATE', networkConfiguration=site.network(), **kwargs)['service']

    def tasks(name):
        arns = site.ecs.list_tasks(cluster=CLUSTER, serviceName=name)['taskArns']
        return site.ecs.describe_tasks(cluster=CLUSTER, tasks=arns)['tasks']

    assert create('web', enableExecuteCommand=True)['enableExecuteCommand'] is True
    assert create('api')['enableExecuteCommand'] is False
    for _ in range(2):  # the rollouts' two polls: each service runs its task
        site.ecs.describe_services(cluster=CLUSTER, services=['web', 'api'])
    (web,) = tasks('web')
    assert web['enableExecuteCommand'] is True and web['group'] == 'service:web'
    for container in web['containers']:
        assert container['runtimeId'].startswith(task_id(web) + '-')
        agents = [(a['name'], a['lastStatus']) for a in container['managedAgents']]
        assert agents == [('ExecuteCommandAgent', 'RUNNING')]
    assert site.execute(web)['taskArn'] == web['taskArn']
    (api,) = tasks('api')
    assert api['enableExecuteCommand'] is False and all('managedAgents' not in c for c in api['containers'])
    assert error(lambda: site.execute(api))['Message'] == EXEC_NOT_ENABLED

    # UpdateService turns it on for the tasks started afterwards; it starts no deployment by itself.
    updated = site.ecs.update_service(cluster=CLUSTER, service='api', enableExecuteCommand=True)['service']
    assert updated['enableExecuteCommand'] is True and len(updated['deployments']) == 1
    assert tasks('api')[0]['enableExecuteCommand'] is False
    site.ecs.update_service(cluster=CLUSTER, service='api', forceNewDeployment=True)
    for _ in range(2):
        site.ecs.describe_services(cluster=CLUSTER, services=['api'])
    (renewed,) = tasks('api')
    assert renewed['taskArn'] != api['taskArn'] and renewed['enableExecuteCommand'] is True
    assert site.execute(renewed)['containerName'] == 'web'
    # Service tasks keep the scheduler's lifecycle: RUNNING however often they are described, until it drains
    # them; then their agent has stopped too.
    for _ in range(4):
        assert site.ecs.describe_tasks(cluster=CLUSTER, tasks=[web['taskArn']])['tasks'][0]['lastStatus'] == 'RUNNING'
    site.ecs.update_service(cluster=CLUSTER, service='web', forceNewDeployment=True)
    for _ in range(2):
        site.ecs.describe_services(cluster=CLUSTER, services=['web'])
    drained = site.ecs.describe_tasks(cluster=CLUSTER, tasks=[web['taskArn']])['tasks'][0]
    assert drained['lastStatus'] == 'STOPPED' and drained['stopCode'] == 'ServiceSchedulerInitiated'
    assert {a['lastStatus'] for c in drained['containers'] for a in c['managedAgents']} == {'STOPPED'}
    assert error(lambda: site.execute(drained))['Message'] == EXEC_NOT_ENABLED


def test_client_token_makes_run_task_idempotent(site):
    first = site.run(command=['bin/once'], clientToken='berth-run-1')
    again = site.run(command=['bin/once'], clientToken='berth-run-1')
    assert again['taskArn'] == first['taskArn']
    assert site.ecs.list_tasks(cluster=CLUSTER)['taskArns'] == [first['taskArn']]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        site.run(command=['bin/other'], clientToken='berth-run-1')
    assert e.value.response['Error']['Code'] == 'ConflictException'
    assert e.value.response['resourceIds'] == [first['taskArn']]
    assert site.run(command=['bin/once'], clientToken='berth-run-2')['taskArn'] != first['taskArn']


def test_run_task_request_details(site):
    # propagateTags TASK_DEFINITION: the task carries the definition's tags beside its own.
    tagged = site.register('tagged', [{'name': 'app', 'image': 'x'}],
                           tags=[{'key': 'berth:project', 'value': 'site'}, {'key': 'env', 'value': 'dev'}])
    task = site.run(tagged, propagateTags='TASK_DEFINITION', tags=[{'key': 'env', 'value': 'run'}])
    described = site.ecs.describe_tasks(cluster=CLUSTER, tasks=[task['taskArn']], include=['TAGS'])['tasks'][0]
    assert sorted((t['key'], t['value']) for t in described['tags']) == [('berth:project', 'site'), ('env', 'run')]
    # No securityGroups: the VPC's default group (moto: 500).
    assert site.run(networkConfiguration=site.network(groups=False))['lastStatus'] == 'PENDING'
    eni = site.ec2.describe_network_interfaces()['NetworkInterfaces'][-1]
    assert [g['GroupId'] for g in eni['Groups']] == [site.group['GroupId']]
    # An override for a container the task definition lacks is refused.
    assert error(lambda: site.run(command=['x'], container='db'))['Code'] == 'InvalidParameterException'


def test_log_groups(site):
    """Output goes to awslogs-group only if it exists, or awslogs-create-group is true; no prefix: the stream is
    named after the container (its runtimeId)."""
    definition = site.register('logs', [
        {'name': 'missing', 'image': 'a', 'logConfiguration': awslogs('m', group='/berth/missing')},
        {'name': 'created', 'image': 'b', 'logConfiguration': awslogs('c', group='/berth/new', **{
            'awslogs-create-group': 'true'})},
        {'name': 'bare', 'image': 'c', 'essential': False, 'logConfiguration': {
            'logDriver': 'awslogs', 'options': {'awslogs-group': GROUP, 'awslogs-region': 'us-east-1'}}}])
    task = site.run(definition)
    site.statuses(task, 3)
    described = site.describe(task)
    groups = {g['logGroupName'] for g in site.logs.describe_log_groups()['logGroups']}
    assert '/berth/missing' not in groups and '/berth/new' in groups
    assert [e['message'] for e in site.logs.get_log_events(
        logGroupName='/berth/new', logStreamName=f'c/created/{task_id(task)}')['events']] == ['b']
    bare = next(c for c in described['containers'] if c['name'] == 'bare')
    assert site.output(bare['runtimeId']) == ['c']


def test_reset_forgets_switches_runs_and_sessions(aws, site):
    task = site.run(enableExecuteCommand=True)
    site.describe(task)
    site.execute(task)
    aws.control('POST', '/_berth/ecstask/next-exit-code', {'code': 2})
    state = site.state()
    assert state['nextExitCode'] == 2 and len(state['tasks']) == 1 and len(state['executeCommands']) == 1
    aws.control('POST', '/_berth/reset-switches')
    assert site.state() == {'polls': 2, 'nextExitCode': None, 'tasks': [], 'executeCommands': []}
    aws.control('POST', '/_berth/ecstask/next-exit-code', {'code': 2})
    aws.control('POST', '/moto-api/reset')
    assert site.state() == {'polls': 2, 'nextExitCode': None, 'tasks': [], 'executeCommands': []}


def test_control_api_errors(aws):
    with pytest.raises(Exception, match='404'):
        aws.control('POST', '/_berth/ecstask/no-such-action', {})


def test_moved_moto_internals_stop_the_start():
    """StopTask losing a parameter, or moto implementing ExecuteCommand itself, stops the start (exit 3)."""
    cases = {'m.EC2ContainerServiceBackend.stop_task = lambda self, cluster_str, task_str: None':
             'ecs-tasks: EC2ContainerServiceBackend.stop_task() has no parameter(s) reason',
             'r.EC2ContainerServiceResponse.execute_command = lambda self: None':
             'ecs-tasks: moto now implements ExecuteCommand'}
    for change, message in cases.items():
        script = ('import moto.ecs.models as m, moto.ecs.responses as r\n' + change + '\n'
                  'from berth_emulator.backend import install_patches\n'
                  'from berth_emulator.settings import Settings\n'
                  'install_patches(Settings())\n')
        env = {**os.environ, 'PYTHONPATH': str(ROOT), 'BERTH_EMULATOR_ONLY': 'ecstask'}
        result = subprocess.run([sys.executable, '-c', script], cwd=ROOT, capture_output=True, text=True,
                                timeout=60, env=env)
        assert result.returncode == 3, result.stderr
        assert message in result.stderr
