"""AWS's pace (berth_emulator/pace.py, patches/stack_pace.py, the pace paths of the cloudformation and ecs-rollout
patches): with a scale set through POST /_berth/pace/config, stack operations take their critical path's time, events
show up when they happen, ECS rollouts take their modelled time, and every AWS call can be given a latency. The shared
emulator is used with pace turned on for each test and off again after it; pace off is what every other test runs."""
import time

import botocore.exceptions
import pytest

from conftest import start, stop

SCALE = 0.01   # 1 modelled second = 10 ms: the NAT gateway's 120 s take 1.2 s
NETWORK = """
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  Address:
    Type: AWS::EC2::EIP
    Properties: {Domain: vpc}
  Nat:
    Type: AWS::EC2::NatGateway
    Properties: {SubnetId: !Ref Subnet, AllocationId: !GetAtt Address.AllocationId}
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: {RetentionInDays: 7}
"""


@pytest.fixture
def paced(aws):
    aws.control('POST', '/_berth/pace/config', {'scale': SCALE})
    yield aws
    aws.control('POST', '/_berth/pace/config', {'scale': 0, 'callLatencyMs': 0})


def status(cfn, name):
    return cfn.describe_stacks(StackName=name)['Stacks'][0]['StackStatus']


def wait_until(moment):
    time.sleep(max(0.0, moment - time.time()))


def event_times(cfn, name, scale=SCALE):
    """{(logical id, status): seconds after the operation's first event} of the events shown now, unscaled."""
    events = list(reversed(cfn.describe_stack_events(StackName=name)['StackEvents']))
    origin = events[0]['Timestamp']
    return {(e['LogicalResourceId'], e['ResourceStatus']): round((e['Timestamp'] - origin).total_seconds() / scale, 1)
            for e in events}


def warm_up(cfn):
    """botocore loads an operation's model at its first call (tens of milliseconds): not while a test times."""
    for call in (cfn.describe_stacks, cfn.describe_stack_events, cfn.describe_stack_resources,
                 cfn.list_stack_resources):
        with pytest.raises(botocore.exceptions.ClientError):
            call(StackName='not-there')


def record(aws, name, operation='CREATE'):
    return next(r for r in aws.control('GET', '/_berth/pace/state')['stacks']
                if r['stack'] == name and r['operation'] == operation)


# When each event of NETWORK's create happens, in modelled seconds: a resource starts when what it refers to is done.
NETWORK_EVENTS = {
    ('net', 'CREATE_IN_PROGRESS'): 0, ('Vpc', 'CREATE_IN_PROGRESS'): 0, ('Address', 'CREATE_IN_PROGRESS'): 0,
    ('Logs', 'CREATE_IN_PROGRESS'): 0, ('Logs', 'CREATE_COMPLETE'): 2, ('Vpc', 'CREATE_COMPLETE'): 5,
    ('Address', 'CREATE_COMPLETE'): 5, ('Subnet', 'CREATE_IN_PROGRESS'): 5, ('Subnet', 'CREATE_COMPLETE'): 10,
    ('Nat', 'CREATE_IN_PROGRESS'): 10, ('Nat', 'CREATE_COMPLETE'): 130, ('net', 'CREATE_COMPLETE'): 130}


def check_shown_by_now(cfn, name, start, scale, expected):
    """DescribeStackEvents shows every event whose modelled time had passed when the call began, and none whose
    time was still to come when it returned (an event due during the call may be either)."""
    before = (time.time() - start) / scale
    shown = event_times(cfn, name, scale)
    after = (time.time() - start) / scale
    for event, due in expected.items():
        if due <= before:
            assert shown.get(event) == due, (event, before)
        elif due > after:
            assert event not in shown, (event, after)
    return before, after


def test_a_stack_takes_its_critical_path(paced):
    cfn = paced.client('cloudformation')
    warm_up(cfn)
    began = time.time()
    cfn.create_stack(StackName='net', TemplateBody=NETWORK)
    assert status(cfn, 'net') == 'CREATE_IN_PROGRESS'
    assert 'Outputs' not in cfn.describe_stacks(StackName='net')['Stacks'][0]

    # The state names the chain of waits that cannot overlap: VPC (5 s), subnet (5 s), NAT gateway (120 s).
    modelled = record(paced, 'net')
    assert [(c['logicalId'], c['type'], c['seconds'], c['start']) for c in modelled['criticalPath']] == [
        ('Vpc', 'AWS::EC2::VPC', 5, 0), ('Subnet', 'AWS::EC2::Subnet', 5, 5),
        ('Nat', 'AWS::EC2::NatGateway', 120, 10)]
    assert modelled['seconds'] == 130 and modelled['phases'] == [{'status': 'CREATE_IN_PROGRESS', 'seconds': 130}]
    assert modelled['end'] - modelled['start'] == pytest.approx(130 * SCALE, abs=0.002)
    assert began - 0.01 <= modelled['start'] <= time.time() and modelled['nestedIn'] is None
    check_shown_by_now(cfn, 'net', modelled['start'], SCALE, NETWORK_EVENTS)

    # After the subnet: the NAT gateway is being created, and nothing says it is done.
    wait_until(modelled['start'] + 20 * SCALE)
    assert status(cfn, 'net') == 'CREATE_IN_PROGRESS'
    listed = {r['LogicalResourceId']: r['ResourceStatus'] for r in
              cfn.list_stack_resources(StackName='net')['StackResourceSummaries']}
    assert listed == {'Vpc': 'CREATE_COMPLETE', 'Subnet': 'CREATE_COMPLETE', 'Address': 'CREATE_COMPLETE',
                      'Nat': 'CREATE_IN_PROGRESS', 'Logs': 'CREATE_COMPLETE'}
    assert {r['LogicalResourceId']: r['ResourceStatus'] for r in
            cfn.describe_stack_resources(StackName='net')['StackResources']} == listed
    check_shown_by_now(cfn, 'net', modelled['start'], SCALE, NETWORK_EVENTS)

    wait_until(modelled['end'] - 5 * SCALE)
    assert status(cfn, 'net') == 'CREATE_IN_PROGRESS'
    wait_until(modelled['end'] + 0.005)
    assert status(cfn, 'net') == 'CREATE_COMPLETE'
    assert event_times(cfn, 'net') == NETWORK_EVENTS
    order = [(e['LogicalResourceId'], e['ResourceStatus'])
             for e in reversed(cfn.describe_stack_events(StackName='net')['StackEvents'])]
    assert order.index(('Subnet', 'CREATE_IN_PROGRESS')) > order.index(('Vpc', 'CREATE_COMPLETE'))
    assert order[-2:] == [('Nat', 'CREATE_COMPLETE'), ('net', 'CREATE_COMPLETE')]


def test_a_failing_resource_ends_the_create_at_its_time(paced):
    scale = 0.03  # the subnet fails 0.3 s in
    paced.control('POST', '/_berth/pace/config', {'scale': scale})
    cfn = paced.client('cloudformation')
    warm_up(cfn)
    paced.control('POST', '/_berth/cfn/fail-next', {'logicalId': 'Subnet', 'reason': 'Subnet refused'})
    cfn.create_stack(StackName='fails', TemplateBody=NETWORK)
    assert status(cfn, 'fails') == 'CREATE_IN_PROGRESS'
    modelled = record(paced, 'fails')
    # The subnet fails at 10 s; the rollback deletes the VPC and the address (2.5 s each, after nothing).
    assert modelled['phases'] == [{'status': 'CREATE_IN_PROGRESS', 'seconds': 10},
                                  {'status': 'ROLLBACK_IN_PROGRESS', 'seconds': 2.5}]
    assert modelled['status'] == 'ROLLBACK_COMPLETE'
    wait_until(modelled['end'] + 0.01)
    assert status(cfn, 'fails') == 'ROLLBACK_COMPLETE'
    shown = event_times(cfn, 'fails', scale)
    assert shown[('Subnet', 'CREATE_FAILED')] == 10 and shown[('fails', 'ROLLBACK_IN_PROGRESS')] == 10
    assert shown[('Vpc', 'DELETE_COMPLETE')] == 12.5 and shown[('fails', 'ROLLBACK_COMPLETE')] == 12.5
    assert ('Nat', 'CREATE_IN_PROGRESS') not in shown


def test_an_update_shows_its_phases(paced):
    scale = 0.02  # the update's new bucket takes 0.4 s
    paced.control('POST', '/_berth/pace/config', {'scale': scale})
    cfn = paced.client('cloudformation')
    warm_up(cfn)
    cfn.create_stack(StackName='app', TemplateBody='Resources:\n  Alarms: {Type: AWS::SNS::Topic}\n'
                                                   '  Files: {Type: AWS::Logs::LogGroup}\n')
    wait_until(record(paced, 'app')['end'] + 0.01)
    assert status(cfn, 'app') == 'CREATE_COMPLETE'

    cfn.update_stack(StackName='app', TemplateBody='Resources:\n  Alarms: {Type: AWS::SNS::Topic}\n'
                                                   '  Audit: {Type: AWS::S3::Bucket}\n')
    assert status(cfn, 'app') == 'UPDATE_IN_PROGRESS'
    modelled = record(paced, 'app', 'UPDATE')
    # A new bucket (20 s), then the cleanup deletes the log group (half its 2 s).
    assert modelled['phases'] == [{'status': 'UPDATE_IN_PROGRESS', 'seconds': 20},
                                  {'status': 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'seconds': 1}]
    assert [(c['logicalId'], c['action']) for c in modelled['criticalPath']] == [('Audit', 'CREATE'),
                                                                                 ('Files', 'DELETE')]
    # The log group is listed, as it was, until its deletion shows; the bucket once it has started.
    listed = {r['LogicalResourceId']: r['ResourceStatus']
              for r in cfn.describe_stack_resources(StackName='app')['StackResources']}
    assert listed == {'Alarms': 'CREATE_COMPLETE', 'Audit': 'CREATE_IN_PROGRESS', 'Files': 'CREATE_COMPLETE'}
    wait_until(modelled['end'] + 0.01)
    assert status(cfn, 'app') == 'UPDATE_COMPLETE'
    assert [r['LogicalResourceId'] for r in cfn.describe_stack_resources(StackName='app')['StackResources']] == [
        'Alarms', 'Audit']
    shown = event_times(cfn, 'app', scale)
    assert shown[('app', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')] - shown[('app', 'UPDATE_IN_PROGRESS')] == \
        pytest.approx(20, abs=0.2)


def test_a_nested_stack_lasts_its_own_critical_path(paced):
    scale = 0.03  # the parent completes 0.36 s in
    paced.control('POST', '/_berth/pace/config', {'scale': scale})
    s3, cfn = paced.client('s3'), paced.client('cloudformation')
    s3.create_bucket(Bucket='nested-templates')
    child = ('Resources:\n  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.1.0.0/16}}\n'
             '  Group:\n    Type: AWS::EC2::SecurityGroup\n'
             '    Properties: {GroupDescription: web, VpcId: !Ref Vpc}\n')
    s3.put_object(Bucket='nested-templates', Key='network.yaml', Body=child.encode())
    parent = ('Resources:\n  Network:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n'
              '      TemplateURL: https://s3.us-east-1.amazonaws.com/nested-templates/network.yaml\n'
              '  Logs:\n    Type: AWS::Logs::LogGroup\n    DependsOn: Network\n')
    cfn.create_stack(StackName='outer', TemplateBody=parent)
    outer = record(paced, 'outer')
    inner = next(r for r in paced.control('GET', '/_berth/pace/state')['stacks'] if r['nestedIn'])
    # The child's chain is the VPC then the security group (5 + 5 s); the parent's is the child, then the log group.
    assert inner['nestedIn'] == {'stack': 'outer', 'logicalId': 'Network'} and inner['seconds'] == 10
    assert [c['logicalId'] for c in inner['criticalPath']] == ['Vpc', 'Group']
    assert [(c['logicalId'], c['type'], c['seconds']) for c in outer['criticalPath']] == [
        ('Network', 'AWS::CloudFormation::Stack', 10), ('Logs', 'AWS::Logs::LogGroup', 2)]
    assert outer['seconds'] == 12 and inner['start'] == pytest.approx(outer['start'], abs=0.002)
    assert status(cfn, 'outer') == 'CREATE_IN_PROGRESS'
    wait_until(outer['end'] + 0.01)
    assert status(cfn, 'outer') == 'CREATE_COMPLETE'
    assert status(cfn, inner['stackId']) == 'CREATE_COMPLETE'


def test_an_ecs_rollout_takes_its_modelled_time(paced):
    ecs, ec2 = paced.client('ecs'), paced.client('ec2')
    subnet = ec2.describe_subnets()['Subnets'][0]
    group = ec2.describe_security_groups(Filters=[{'Name': 'vpc-id', 'Values': [subnet['VpcId']]},
                                                  {'Name': 'group-name', 'Values': ['default']}])['SecurityGroups'][0]
    ecs.create_cluster(clusterName='paced')
    definition = ecs.register_task_definition(
        family='web', networkMode='awsvpc', requiresCompatibilities=['FARGATE'], cpu='256', memory='512',
        containerDefinitions=[{'name': 'web', 'image': 'nginx:1', 'essential': True}])['taskDefinition']
    service = ecs.create_service(cluster='paced', serviceName='web', taskDefinition=definition['taskDefinitionArn'],
                                 desiredCount=2, launchType='FARGATE',
                                 networkConfiguration={'awsvpcConfiguration': {
                                     'subnets': [subnet['SubnetId']], 'securityGroups': [group['GroupId']]}})['service']
    deployment = service['deployments'][0]['id']
    modelled = paced.control('GET', '/_berth/pace/state')['deployments']
    assert [(d['cluster'], d['service'], d['deploymentId'], d['kind'], d['seconds']) for d in modelled] == [
        ('paced', 'web', deployment, 'deploy', 60)]
    end = modelled[0]['end']
    assert end - modelled[0]['start'] == pytest.approx(60 * SCALE, abs=0.002)

    def describe():
        return ecs.describe_services(cluster='paced', services=['web'])['services'][0]
    # However often it is polled, the rollout is in progress until its time has come: tasks start on the way.
    for _ in range(5):
        assert describe()['deployments'][0]['rolloutState'] == 'IN_PROGRESS'
    wait_until(modelled[0]['start'] + 30 * SCALE)
    halfway = describe()
    assert halfway['deployments'][0]['rolloutState'] == 'IN_PROGRESS' and halfway['runningCount'] == 1
    wait_until(end + 0.01)
    done = describe()
    assert [(d['status'], d['rolloutState'], d['runningCount']) for d in done['deployments']] == [
        ('PRIMARY', 'COMPLETED', 2)]

    # A deleted service drains for its time (30 s), its tasks running until then.
    ecs.update_service(cluster='paced', service='web', desiredCount=0)
    deleted = ecs.delete_service(cluster='paced', service='web', force=True)['service']
    assert deleted['status'] == 'DRAINING'
    drain = paced.control('GET', '/_berth/pace/state')['deployments'][-1]
    assert (drain['kind'], drain['seconds']) == ('drain', 30)
    assert ecs.list_tasks(cluster='paced')['taskArns']
    wait_until(drain['end'] + 0.01)
    assert not ecs.list_tasks(cluster='paced')['taskArns']
    assert describe()['status'] == 'INACTIVE'


def test_call_latency_and_the_settings(paced):
    sts = paced.client('sts')
    sts.get_caller_identity()
    paced.control('POST', '/_berth/pace/config', {'callLatencyMs': 150})
    started = time.perf_counter()
    sts.get_caller_identity()
    assert time.perf_counter() - started >= 0.15
    state = paced.control('GET', '/_berth/pace/state')
    assert (state['scale'], state['callLatencyMs'], state['calls']['delayed']) == (SCALE, 150, 1)
    assert paced.control('GET', '/_berth/state')['pace'] == {'scale': SCALE, 'callLatencyMs': 150}
    for bad in ({'scale': -1}, {'scale': 'fast'}, {'scale': True}, {'callLatencyMs': -5}, {'callLatencyMs': 1e9},
                {'speed': 2}):
        with pytest.raises(Exception) as refused:
            paced.control('POST', '/_berth/pace/config', bad)
        assert getattr(refused.value, 'code', None) == 400
    # A reset forgets what was modelled and the counts, and keeps the settings.
    paced.control('POST', '/_berth/reset-switches')
    state = paced.control('GET', '/_berth/pace/state')
    assert (state['calls']['delayed'], state['stacks'], state['callLatencyMs']) == (0, [], 150)


def test_the_command_line_and_the_environment_set_the_pace(monkeypatch):
    monkeypatch.setenv('BERTH_EMULATOR_PACE', '0.5')
    monkeypatch.setenv('BERTH_EMULATOR_ONLY', 'ecs')  # a quick start: the pace needs no patch of its own
    emulator = start('--call-latency', '7')
    try:
        state = emulator.control('GET', '/_berth/pace/state')
        assert (state['scale'], state['callLatencyMs']) == (0.5, 7)
        emulator.client('ecs').list_clusters()
        assert emulator.control('GET', '/_berth/pace/state')['calls'] == {'delayed': 1, 'delayedMs': 7.0}
    finally:
        stop(emulator)
    with pytest.raises(RuntimeError, match='--pace must be a number >= 0'):
        start('--pace', '-1')
    monkeypatch.setenv('BERTH_EMULATOR_CALL_LATENCY_MS', 'slow')
    with pytest.raises(RuntimeError, match="argument --call-latency: invalid float value: 'slow'"):
        start()


def test_pace_off_keeps_the_polls(aws):
    """With the scale at 0 (the default), nothing is modelled: a stack still completes after one poll."""
    cfn = aws.client('cloudformation')
    cfn.create_stack(StackName='quick', TemplateBody=NETWORK)
    assert status(cfn, 'quick') == 'CREATE_IN_PROGRESS'
    assert status(cfn, 'quick') == 'CREATE_COMPLETE'
    assert aws.control('GET', '/_berth/pace/state')['stacks'] == []
    with pytest.raises(botocore.exceptions.ClientError):
        cfn.describe_stacks(StackName='missing')
