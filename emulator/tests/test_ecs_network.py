"""Connections between ECS tasks (patch ecs-network, berth_emulator/patches/ecs_network.py), with boto3 against the
emulator: a one-off alpine task's `nc -z` (the shim, berth_emulator/shims/nc) reaches a service's task when the
security groups, the VPC and a listening container allow it; the task metadata endpoint; the connection model's
reasons; task addresses in their subnets."""
import importlib.machinery
import importlib.util
import ipaddress
import json
import os
import pathlib
import subprocess
import sys
import time
import urllib.error

import pytest

CLUSTER = 'site'
GROUP = '/berth/site/probe'
ROOT = pathlib.Path(__file__).resolve().parent.parent
SHIM = ROOT / 'berth_emulator' / 'shims' / 'nc'
ALPINE = 'public.ecr.aws/docker/library/alpine:3.20'
PROBE = 'nc -z -w 1 "$IP" "$PORT" && echo open || echo closed'


def detail(task, name):
    return next(d['value'] for d in task['attachments'][0]['details'] if d['name'] == name)


def from_group(group, port=5432):
    return [{'IpProtocol': 'tcp', 'FromPort': port, 'ToPort': port, 'UserIdGroupPairs': [{'GroupId': group}]}]


def from_cidr(cidr, port=5432):
    return [{'IpProtocol': 'tcp', 'FromPort': port, 'ToPort': port, 'IpRanges': [{'CidrIp': cidr}]}]


class Net:
    """A VPC with a probe subnet and a services subnet, a client and a server security group (the server's lets
    5432 in from the client's), a cluster, and a database service whose one task runs in the server group."""

    def __init__(self, aws):
        self.aws = aws
        self.ec2, self.ecs, self.logs = aws.client('ec2'), aws.client('ecs'), aws.client('logs')
        self.vpc = self.ec2.create_vpc(CidrBlock='10.0.0.0/16')['Vpc']['VpcId']
        self.probes = self.subnet(self.vpc, '10.0.1.0/24')
        self.services = self.subnet(self.vpc, '10.0.2.0/24')
        self.client = self.group(self.vpc, 'client')
        self.server = self.group(self.vpc, 'server')
        self.ec2.authorize_security_group_ingress(GroupId=self.server, IpPermissions=from_group(self.client))
        self.ecs.create_cluster(clusterName=CLUSTER)
        self.logs.create_log_group(logGroupName=GROUP)
        self.db = self.service('db', [{'name': 'db', 'image': 'postgres:16', 'memory': 256,
                                       'portMappings': [{'containerPort': 5432, 'protocol': 'tcp'}]}],
                               self.services, [self.server])
        self.db_address = detail(self.db, 'privateIPv4Address')
        self.probe_definition = None

    def subnet(self, vpc, cidr):
        return self.ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone='us-east-1a')['Subnet']['SubnetId']

    def group(self, vpc, name):
        return self.ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)['GroupId']

    def register(self, family, containers):
        return self.ecs.register_task_definition(
            family=family, networkMode='awsvpc', requiresCompatibilities=['FARGATE'], cpu='256', memory='512',
            containerDefinitions=containers)['taskDefinition']['taskDefinitionArn']

    def service(self, name, containers, subnet, groups):
        """A service of one task (simulated: RUNNING, nothing runs); its task as DescribeTasks shows it."""
        self.ecs.create_service(cluster=CLUSTER, serviceName=name, taskDefinition=self.register(name, containers),
                                desiredCount=1, launchType='FARGATE', networkConfiguration={
                                    'awsvpcConfiguration': {'subnets': [subnet], 'securityGroups': groups}})
        for _ in range(3):
            self.ecs.describe_services(cluster=CLUSTER, services=[name])
        arns = self.ecs.list_tasks(cluster=CLUSTER, serviceName=name)['taskArns']
        assert len(arns) == 1
        return self.ecs.describe_tasks(cluster=CLUSTER, tasks=arns)['tasks'][0]

    def run(self, task_definition, groups=None, overrides=None):
        answer = self.ecs.run_task(cluster=CLUSTER, taskDefinition=task_definition, launchType='FARGATE',
                                   overrides=overrides or {}, networkConfiguration={'awsvpcConfiguration': {
                                       'subnets': [self.probes], 'securityGroups': groups or [self.client]}})
        assert answer['failures'] == []
        return answer['tasks'][0]

    def wait(self, task, status='STOPPED', seconds=60):
        deadline = time.monotonic() + seconds
        while True:
            found = self.ecs.describe_tasks(cluster=CLUSTER, tasks=[task['taskArn']])['tasks'][0]
            if found['lastStatus'] == status or time.monotonic() > deadline:
                assert found['lastStatus'] == status, found
                return found
            time.sleep(0.05)

    def output(self, task, container='probe', prefix='probe'):
        stream = f'{prefix}/{container}/{task["taskArn"].rsplit("/", 1)[-1]}'
        return [e['message'] for e in self.logs.get_log_events(logGroupName=GROUP, logStreamName=stream,
                                                                startFromHead=True)['events']]

    def probe(self, host, port=5432, groups=None):
        """Berth's probe: an alpine task's busybox sh runs `nc -z -w 1 $IP $PORT`; its output lines."""
        if self.probe_definition is None:
            self.probe_definition = self.register('probe', [
                {'name': 'probe', 'image': ALPINE, 'command': ['sh', '-c', 'exit 2'], 'logConfiguration': {
                    'logDriver': 'awslogs', 'options': {'awslogs-group': GROUP, 'awslogs-region': 'us-east-1',
                                                        'awslogs-stream-prefix': 'probe'}}}])
        task = self.run(self.probe_definition, groups, {'containerOverrides': [
            {'name': 'probe', 'command': ['sh', '-c', PROBE],
             'environment': [{'name': 'IP', 'value': str(host)}, {'name': 'PORT', 'value': str(port)}]}]})
        stopped = self.wait(task)
        assert [(c['name'], c.get('exitCode')) for c in stopped['containers']] == [('probe', 0)]
        return self.output(task)

    def last_decision(self):
        return self.aws.control('GET', '/_berth/ecsnet/state')['connects'][-1]

    def connect(self, source, host, port=5432):
        return self.aws.control('POST', '/_berth/ecsrun/connect', {'task': source['taskArn'], 'host': host,
                                                                    'port': port})


@pytest.fixture
def net(aws):
    return Net(aws)


def test_the_probe_is_open_and_closed_once_the_ingress_rule_is_revoked(net):
    assert net.probe(net.db_address) == ['open']
    decision = net.last_decision()
    assert decision['reachable'] and decision['result'] == 'open' and decision['address'] == net.db_address
    assert f'container db of the task at {net.db_address} (family db) listens on 5432' in decision['reason']
    assert decision['targetTask'] == net.db['taskArn']

    net.ec2.revoke_security_group_ingress(GroupId=net.server, IpPermissions=from_group(net.client))
    assert net.probe(net.db_address) == ['closed']
    decision = net.last_decision()
    probe_address = decision_source_address(net, decision)
    assert decision['result'] == 'timeout'
    assert decision['reason'] == (f'{net.server} has no ingress rule for tcp 5432 from {net.client} or '
                                  f'{probe_address}')
    # A SYN a security group drops times out: the shim waits min(-w, 1) seconds before it fails.
    run = next(r for r in net.aws.control('GET', '/_berth/ecsrun/state')['runs'] if r['taskArn'] == decision['task'])
    assert run['seconds'] >= 0.9

    # A correct rule again: open.
    net.ec2.authorize_security_group_ingress(GroupId=net.server, IpPermissions=from_group(net.client))
    assert net.probe(net.db_address) == ['open']


def decision_source_address(net, decision):
    task = net.ecs.describe_tasks(cluster=CLUSTER, tasks=[decision['task']])['tasks'][0]
    address = detail(task, 'privateIPv4Address')
    assert ipaddress.IPv4Address(address) in ipaddress.IPv4Network('10.0.1.0/24')
    return address


def test_a_port_the_rules_or_the_containers_do_not_open_is_closed(net):
    assert net.probe(net.db_address, 5433) == ['closed']
    assert net.last_decision()['reason'].startswith(f'{net.server} has no ingress rule for tcp 5433 from ')

    # Let 5433 in: nothing listens there, so the task answers with a reset at once.
    net.ec2.authorize_security_group_ingress(GroupId=net.server, IpPermissions=from_group(net.client, 5433))
    assert net.probe(net.db_address, 5433) == ['closed']
    decision = net.last_decision()
    assert decision['result'] == 'refused'
    assert decision['reason'].startswith(f'the task at {net.db_address} (family db) has no container listening on '
                                         '5433 (port mappings: 5432)')


def test_a_cidr_rule_and_the_sources_egress(net):
    net.ec2.revoke_security_group_ingress(GroupId=net.server, IpPermissions=from_group(net.client))
    net.ec2.authorize_security_group_ingress(GroupId=net.server, IpPermissions=from_cidr('10.0.1.0/24'))
    assert net.probe(net.db_address) == ['open']
    assert '10.0.1.0/24' in net.last_decision()['reason']
    net.ec2.revoke_security_group_ingress(GroupId=net.server, IpPermissions=from_cidr('10.0.1.0/24'))
    net.ec2.authorize_security_group_ingress(GroupId=net.server, IpPermissions=from_cidr('10.0.9.0/24'))
    assert net.probe(net.db_address) == ['closed']
    net.ec2.authorize_security_group_ingress(GroupId=net.server, IpPermissions=from_group(net.client))

    # The client's default egress rule (all traffic to 0.0.0.0/0) gone: nothing leaves the probe.
    everything = [{'IpProtocol': '-1', 'IpRanges': [{'CidrIp': '0.0.0.0/0'}]}]
    net.ec2.revoke_security_group_egress(GroupId=net.client, IpPermissions=everything)
    assert net.probe(net.db_address) == ['closed']
    assert net.last_decision()['reason'] == (f'{net.client} has no egress rule for tcp 5432 to {net.server} or '
                                             f'{net.db_address}')
    # Egress to the server's group is enough; the answer needs no rule (security groups are stateful).
    net.ec2.authorize_security_group_egress(GroupId=net.client, IpPermissions=from_group(net.server))
    assert net.probe(net.db_address) == ['open']


def test_loopback_reaches_the_tasks_own_containers(net):
    definition = net.register('pair', [
        {'name': 'web', 'image': ALPINE, 'essential': False, 'command': ['sleep', '30'],
         'portMappings': [{'containerPort': 8080}]},
        {'name': 'probe', 'image': ALPINE, 'dependsOn': [{'containerName': 'web', 'condition': 'START'}],
         'command': ['sh', '-c', 'for target in localhost:8080 127.0.0.1:9999 127.0.0.2:8080; do '
                                 'nc -z -w 1 "${target%:*}" "${target#*:}" && echo open || echo closed; done'],
         'logConfiguration': {'logDriver': 'awslogs', 'options': {
             'awslogs-group': GROUP, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'probe'}}}])
    task = net.run(definition)
    net.wait(task)
    assert net.output(task) == ['open', 'closed', 'open']
    decisions = net.aws.control('GET', '/_berth/ecsnet/state')['connects'][-3:]
    assert [d['result'] for d in decisions] == ['open', 'refused', 'open']
    assert decisions[1]['reason'] == 'no container of this task listens on 9999 at 127.0.0.1 (port mappings: 8080)'


def test_the_task_metadata_endpoint(net):
    definition = net.register('meta', [
        {'name': 'app', 'image': ALPINE, 'cpu': 128, 'memory': 256,
         'command': ['sh', '-c', 'echo "$ECS_CONTAINER_METADATA_URI_V4"; python3 -c "import json, os, urllib.request '
                                 'as u; print(json.load(u.urlopen(os.environ[\'ECS_CONTAINER_METADATA_URI_V4\'] + '
                                 '\'/task\'))[\'Family\'])"; sleep 30'],
         'logConfiguration': {'logDriver': 'awslogs', 'options': {
             'awslogs-group': GROUP, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'meta'}}}])
    task = net.run(definition)
    deadline = time.monotonic() + 20
    while len(net.output(task, 'app', 'meta')) < 2:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    uri, family = net.output(task, 'app', 'meta')
    assert family == 'meta'   # read from inside the container
    task_id = task['taskArn'].rsplit('/', 1)[-1]
    assert uri == f'{net.aws.url}/_berth/ecsrun/metadata/{task_id}/app'
    running = net.wait(task, 'RUNNING')
    address = detail(running, 'privateIPv4Address')
    path = uri[len(net.aws.url):]

    container = net.aws.control('GET', path)
    assert container['Name'] == container['DockerName'] == 'app' and container['Image'] == ALPINE
    assert container['DockerId'] == running['containers'][0]['runtimeId']
    assert container['KnownStatus'] == 'RUNNING' and container['Type'] == 'NORMAL'
    assert container['Limits'] == {'CPU': 128, 'Memory': 256}
    assert container['Labels']['com.amazonaws.ecs.task-arn'] == task['taskArn']
    assert container['Labels']['com.amazonaws.ecs.task-definition-family'] == 'meta'
    assert container['LogOptions']['awslogs-stream'] == f'meta/app/{task_id}'
    assert container['Networks'] == [{
        'NetworkMode': 'awsvpc', 'IPv4Addresses': [address], 'AttachmentIndex': 0,
        'MACAddress': detail(running, 'macAddress'), 'IPv4SubnetCIDRBlock': '10.0.1.0/24',
        'DomainNameServers': ['10.0.0.2'], 'DomainNameSearchList': ['ec2.internal'],
        'PrivateDNSName': detail(running, 'privateDnsName'), 'SubnetGatewayIpv4Address': '10.0.1.1/24'}]

    metadata = net.aws.control('GET', path + '/task')
    assert {k: metadata[k] for k in ('Cluster', 'TaskARN', 'Family', 'Revision', 'DesiredStatus', 'KnownStatus',
                                     'AvailabilityZone', 'LaunchType')} == {
        'Cluster': running['clusterArn'], 'TaskARN': task['taskArn'], 'Family': 'meta', 'Revision': '1',
        'DesiredStatus': 'RUNNING', 'KnownStatus': 'RUNNING', 'AvailabilityZone': 'us-east-1a',
        'LaunchType': 'FARGATE'}
    assert metadata['Limits'] == {'CPU': 0.25, 'Memory': 512}
    assert [c['Name'] for c in metadata['Containers']] == ['app']
    assert metadata['Containers'][0]['Networks'][0]['IPv4Addresses'] == [address]

    with pytest.raises(urllib.error.HTTPError, match='404'):
        net.aws.control('GET', f'/_berth/ecsrun/metadata/{"0" * 32}/app')
    with pytest.raises(urllib.error.HTTPError, match='404'):
        net.aws.control('GET', f'/_berth/ecsrun/metadata/{task_id}/other')
    net.ecs.stop_task(cluster=CLUSTER, task=task['taskArn'])
    net.wait(task)
    assert net.aws.control('GET', path)['KnownStatus'] == 'STOPPED'


def test_the_connection_models_reasons(net):
    client = net.service('client', [{'name': 'app', 'image': 'example/app:1', 'memory': 128}], net.probes,
                         [net.client])
    answer = net.connect(client, net.db_address)
    assert answer['reachable'] is True and answer['result'] == 'open'
    assert f'{net.server} allows tcp 5432 from {net.client}' in answer['reason']

    # The task's private DNS name resolves; no other name does (no DNS modelled, Service Connect included).
    by_name = net.connect(client, detail(net.db, 'privateDnsName'))
    assert by_name['reachable'] and by_name['address'] == net.db_address
    bad = net.connect(client, 'db')
    assert (bad['reachable'], bad['result']) == (False, 'bad-address')
    assert bad['reason'].startswith("bad address 'db'")

    nobody = str(ipaddress.IPv4Address(net.db_address) + 1)
    assert net.connect(client, nobody)['reason'] == f'no running task has {nobody}'

    # A task in another VPC, whatever its rules.
    other = net.ec2.create_vpc(CidrBlock='10.1.0.0/16')['Vpc']['VpcId']
    group = net.group(other, 'open')
    net.ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=from_cidr('0.0.0.0/0'))
    far = net.service('far', [{'name': 'db', 'image': 'postgres:16', 'memory': 256,
                               'portMappings': [{'containerPort': 5432}]}], net.subnet(other, '10.1.2.0/24'), [group])
    far_address = detail(far, 'privateIPv4Address')
    assert net.connect(client, far_address)['reason'] == f'{far_address} is in {other}, the source in {net.vpc}'

    # A stopped task's address belongs to nobody.
    net.ecs.delete_service(cluster=CLUSTER, service='db', force=True)
    answer = net.connect(client, net.db_address)
    assert (answer['result'], answer['reason']) == ('timeout', f'no running task has {net.db_address}')

    for body, status in (({'task': client['taskArn'], 'host': 'x', 'port': 0}, '400'),
                         ({'task': client['taskArn'], 'host': 'x', 'port': '80'}, '400'),
                         ({'task': 'arn:aws:ecs:us-east-1:123456789012:task/site/' + '0' * 32, 'host': 'x',
                           'port': 80}, '404'),
                         ({'task': client['taskArn'], 'container': 'nope', 'host': 'x', 'port': 80}, '400')):
        with pytest.raises(urllib.error.HTTPError, match=status):
            net.aws.control('POST', '/_berth/ecsrun/connect', body)
    net.aws.control('POST', '/_berth/reset-switches')
    assert net.aws.control('GET', '/_berth/ecsnet/state')['connects'] == []


def test_task_addresses_are_free_addresses_of_their_subnets(net):
    second = net.service('db2', [{'name': 'db', 'image': 'postgres:16', 'memory': 256}], net.services, [net.server])
    addresses = [net.db_address, detail(second, 'privateIPv4Address')]
    block = ipaddress.IPv4Network('10.0.2.0/24')
    for address in addresses:
        offset = int(ipaddress.IPv4Address(address)) - int(block.network_address)
        assert 4 <= offset <= 254, address   # not the first four nor the last: AWS reserves them
    assert addresses[0] != addresses[1]
    eni = net.ec2.describe_network_interfaces(NetworkInterfaceIds=[detail(net.db, 'networkInterfaceId')])[
        'NetworkInterfaces'][0]
    assert eni['PrivateIpAddress'] == net.db_address and eni['SubnetId'] == net.services
    assert [g['GroupId'] for g in eni['Groups']] == [net.server]
    assert detail(net.db, 'privateDnsName') == 'ip-' + net.db_address.replace('.', '-') + '.ec2.internal'


def test_a_stack_that_removes_an_ingress_resource_revokes_its_rule(net):
    """Berth's services group lets each service port in from itself through AWS::EC2::SecurityGroupIngress
    resources; one the template no longer has is deleted, and its rule with it (moto kept the rule)."""
    cfn = net.aws.client('cloudformation')

    def template(ports):
        resources = {'Services': {'Type': 'AWS::EC2::SecurityGroup', 'Properties': {
            'GroupDescription': 'services', 'VpcId': net.vpc}}}
        for port in ports:
            resources[f'FromServices{port}'] = {'Type': 'AWS::EC2::SecurityGroupIngress', 'Properties': {
                'GroupId': {'Ref': 'Services'}, 'SourceSecurityGroupId': {'Ref': 'Services'}, 'IpProtocol': 'tcp',
                'FromPort': port, 'ToPort': port}}
        return json.dumps({'AWSTemplateFormatVersion': '2010-09-09', 'Resources': resources})

    def settle():
        for _ in range(20):
            found = cfn.describe_stacks(StackName='groups')['Stacks'][0]
            if not found['StackStatus'].endswith('_IN_PROGRESS'):
                return found['StackStatus']
        raise AssertionError(found['StackStatus'])

    def ports():
        group = cfn.describe_stack_resource(StackName='groups', LogicalResourceId='Services')[
            'StackResourceDetail']['PhysicalResourceId']
        permissions = net.ec2.describe_security_groups(GroupIds=[group])['SecurityGroups'][0]['IpPermissions']
        assert all(p['UserIdGroupPairs'][0]['GroupId'] == group for p in permissions)
        return sorted(p['FromPort'] for p in permissions)

    cfn.create_stack(StackName='groups', TemplateBody=template([80, 5432]))
    assert settle() == 'CREATE_COMPLETE' and ports() == [80, 5432]
    cfn.update_stack(StackName='groups', TemplateBody=template([80]))
    assert settle() == 'UPDATE_COMPLETE' and ports() == [80]


def load_shim():
    loader = importlib.machinery.SourceFileLoader('berth_nc_shim', str(SHIM))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


def test_the_shims_arguments():
    shim = load_shim()
    assert os.access(SHIM, os.X_OK)
    for argv in (['-z', '-w', '3', 'h', '80'], ['-zw3', 'h', '80'], ['-zw', '3', 'h', '80'], ['-w3', '-z', 'h', '80'],
                 ['-n', '-zw', '3', '--', 'h', '80']):
        parsed = shim.parse(argv)
        assert (parsed['zero'], parsed['wait'], parsed['host'], parsed['port']) == (True, 3, 'h', '80'), argv
    assert shim.parse(['-zvv', 'h', '80'])['verbose'] == 2
    assert shim.parse(['-v', '-z', 'h', '80'])['verbose'] == 1
    assert shim.parse(['h', '80'])['zero'] is False
    for argv, message in ((['-z', 'h'], 'Usage: nc'), (['-z', 'h', '80', 'x'], 'Usage: nc'),
                          (['-zq', 'h', '80'], 'unrecognized option: q'), (['-z', '-w'], 'requires an argument: w'),
                          (['-zw', 'x', 'h', '80'], "invalid number 'x'")):
        with pytest.raises(shim.UsageError, match=message):
            shim.parse(argv)
    assert shim.unmodelled(shim.parse(['h', '80'])).endswith('not data transfer (without -z)')
    assert 'UDP' in shim.unmodelled(shim.parse(['-zu', 'h', '80']))
    assert 'listening' in shim.unmodelled(shim.parse(['-l', '-p', '80']))
    assert shim.unmodelled(shim.parse(['-z', 'h', '80'])) is None
    with pytest.raises(shim.UsageError, match="bad port '0'"):
        shim.port_number('0')
    assert shim.port_number('5432') == 5432
    with pytest.raises(shim.UsageError, match='not the Berth emulator'):
        shim.endpoint('http://169.254.170.2/v4/abc')
    assert shim.endpoint('http://127.0.0.1:4000/_berth/ecsrun/metadata/abc/probe') == (
        'http://127.0.0.1:4000/_berth/ecsrun/connect', 'abc', 'probe')


def run_shim(*argv, uri=None):
    env = {'PATH': os.environ.get('PATH', os.defpath)}
    if uri:
        env['ECS_CONTAINER_METADATA_URI_V4'] = uri
    started = time.monotonic()
    result = subprocess.run([str(SHIM), *argv], env=env, capture_output=True, text=True, timeout=30)
    return result.returncode, result.stderr.strip(), time.monotonic() - started


def test_the_shims_lines_and_exit_codes(net):
    code, message, _ = run_shim('-z', 'h', '80')
    assert code == 1 and 'ECS_CONTAINER_METADATA_URI_V4 is not set' in message
    code, message, _ = run_shim('h', '80', uri='http://127.0.0.1:1/_berth/ecsrun/metadata/a/b')
    assert (code, message) == (1, 'nc: the Berth emulator models only port probes (nc -z HOST PORT), not data '
                                  'transfer (without -z)')
    client = net.service('client', [{'name': 'app', 'image': 'example/app:1', 'memory': 128}], net.probes,
                         [net.client])
    uri = f'{net.aws.url}/_berth/ecsrun/metadata/{client["taskArn"].rsplit("/", 1)[-1]}/app'
    assert run_shim('-zv', '-w', '3', net.db_address, '5432', uri=uri)[:2] == (
        0, f'{net.db_address} ({net.db_address}:5432) open')
    assert run_shim('-z', net.db_address, '5432', uri=uri)[:2] == (0, '')
    code, message, seconds = run_shim('-zvw3', net.db_address, '5433', uri=uri)
    assert code == 1 and 0.9 <= seconds < 3
    assert message == (f'nc: {net.db_address} ({net.db_address}:5433): Connection timed out (berth emulator: '
                       f'{net.server} has no ingress rule for tcp 5433 from {net.client} or '
                       f'{detail(client, "privateIPv4Address")})')
    code, message, _ = run_shim('-z', '-v', 'db', '5432', uri=uri)
    assert code == 1 and message.startswith("nc: bad address 'db' (berth emulator: bad address 'db': no DNS")
    assert run_shim('-z', 'db', '5432', uri=uri)[:2] == (1, "nc: bad address 'db'")


def test_moved_moto_internals_stop_the_start():
    """moto's ENI losing group_set stops the start (exit 3), naming the patch."""
    script = ('from moto.ec2.models.elastic_network_interfaces import NetworkInterface\n'
              'del NetworkInterface.group_set\n'
              'from berth_emulator.backend import install_patches\n'
              'from berth_emulator.settings import Settings\n'
              'install_patches(Settings())\n')
    env = {**os.environ, 'PYTHONPATH': str(ROOT), 'BERTH_EMULATOR_ONLY': 'ecstask,ecsrun,ecsnet'}
    result = subprocess.run([sys.executable, '-c', script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env=env)
    assert result.returncode == 3, result.stderr
    assert 'ecs-network: NetworkInterface.group_set is missing' in result.stderr
