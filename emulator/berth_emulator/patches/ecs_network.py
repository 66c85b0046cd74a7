"""What a task's network lets through (patch 'ecs-network'): `berth verify` runs a one-off probe task in the services'
subnets with the services' security group, and its busybox `nc -z -w 3 IP PORT` must answer as it would on AWS. The
container runner (ecs_runner.py) has no network namespaces, so the emulator models the connection instead: the runner
puts an `nc` of its own first on the PATH of every container it runs (berth_emulator/shims/nc), and that `nc` asks
this patch whether the connection would succeed.

On AWS a TCP connection from one awsvpc task to another succeeds when the target is a RUNNING task with a container
listening on the port, both ENIs are in the same VPC, one of the source ENI's security groups has an egress rule that
lets TCP to the port and the target (its address, or one of its groups) out, and one of the target ENI's groups has
an ingress rule that lets it in from the source (its address, or one of its groups). Security groups are stateful:
the answer comes back whatever the rules say about it. docs/ecs-network.md quotes each source and lists the limits
(network ACLs, route tables, peering, DNS and Cloud Map are not modelled).

The runner also gives every container ECS_CONTAINER_METADATA_URI_V4, as Fargate does ("an environment variable named
ECS_CONTAINER_METADATA_URI_V4 is injected into each container in a task"); this patch answers it with the container's
and the task's metadata, shaped like the v4 endpoint's answers. The shim finds the connection model from it.

moto alone: an awsvpc task's ENI got a random 10.x.y.z address (random_private_ip() without the subnet), usually
outside its subnet, so no CIDR rule could ever describe it. Here the address is a free one of the subnet (not one of
the first four or the last, which AWS reserves), and the attachment, the ENI and DescribeNetworkInterfaces agree.
The ENI already carried the awsvpcConfiguration's securityGroups (the ecs-tasks patch puts in the VPC's default group
when RunTask names none); the model reads them from the ENI, so ModifyNetworkInterfaceAttribute counts too. A stack
that deleted an AWS::EC2::SecurityGroupIngress left its rule in the group (moto had no delete for it): now the rule is
revoked, so a rule a stack update removes stops letting connections in.

Control API:
    GET  /_berth/ecsrun/metadata/<task id>/<container>        the container's metadata (v4 shape)
    GET  /_berth/ecsrun/metadata/<task id>/<container>/task   the task's metadata (v4 shape)
    POST /_berth/ecsrun/connect  {"task", "container", "host", "port"}  -> {"reachable", "reason", "result", ...}
    GET  /_berth/ecsnet/state    the last connection decisions
"""
import collections
import datetime
import inspect
import ipaddress
import os
import time
import urllib.parse

from .base import Patch, PatchError, require, wrap

SHIMS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'shims')
SHIMMED = ('nc',)                # programs the runner takes from SHIMS
METADATA = 'metadata/'
LOOPBACK_NAMES = ('localhost', 'localhost.localdomain')
DECISIONS = 200                  # connection decisions kept for the state endpoint
# result: what the caller (the nc shim) sees. A SYN nobody answers (no such address, another VPC, a security group
# drops it) times out; a host whose port nothing listens on answers with a reset at once.
OPEN, REFUSED, TIMEOUT, BAD_ADDRESS = 'open', 'refused', 'timeout', 'bad-address'


class Refused(Exception):
    """A control request the model cannot answer: (status, message)."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


class Side:
    """One end of a connection: a task, its ENI, address, subnet, VPC and security groups."""

    def __init__(self, backend, task, eni, address):
        self.backend, self.task, self.eni, self.address = backend, task, eni, address
        self.subnet = eni.subnet if eni is not None else None
        self.vpc_id = self.subnet.vpc_id if self.subnet is not None else None
        self.groups = sorted(eni.group_set, key=lambda g: g.id) if eni is not None else []
        self.group_ids = [g.id for g in self.groups]


def detail(attachment, name):
    return next((d.get('value') for d in attachment.get('details') or [] if d.get('name') == name), None)


def eni_attachments(task):
    """The task's ENI attachments that still exist (a stopped task's are DELETED)."""
    return [a for a in getattr(task, 'attachments', None) or []
            if a.get('type') == 'ElasticNetworkInterface' and a.get('status') != 'DELETED']


def ipv4(text):
    try:
        return ipaddress.IPv4Address(str(text).strip())
    except ValueError:
        return None


def timestamp(value):
    """The v4 endpoint's time stamps: RFC 3339 in UTC, e.g. 2020-03-26T22:26:24.534553Z."""
    if not isinstance(value, datetime.datetime):
        return None
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value.strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def port_mappings(definition):
    """(first port, last port, protocol, as text) of each portMappings entry: a containerPort, or a
    containerPortRange such as "8000-8010"."""
    out = []
    for mapping in definition.get('portMappings') or []:
        protocol = str(mapping.get('protocol') or 'tcp').lower()
        text = str(mapping.get('containerPort') or mapping.get('containerPortRange') or '')
        low, _, high = text.partition('-')
        try:
            out.append((int(low), int(high or low), protocol, text + ('' if protocol == 'tcp' else f'/{protocol}')))
        except ValueError:
            pass
    return out


def rule_allows(rule, port, peer_address, peer_groups, prefix_cidrs):
    """Whether one moto SecurityGroupRule lets TCP `port` to/from `peer_address` (or a member of `peer_groups`)
    through: IpProtocol "-1" is every protocol and port, "tcp" (moto stores "6" as "tcp") FromPort..ToPort; the peer
    is the rule's CIDR, its referenced group (UserIdGroupPairs) or its prefix list."""
    protocol = str(rule.ip_protocol or '').lower()
    if protocol not in ('-1', 'tcp'):
        return False
    if protocol == 'tcp' and rule.from_port not in (None, -1, '-1'):
        try:
            if not int(rule.from_port) <= port <= int(rule.to_port):
                return False
        except (TypeError, ValueError):
            return False
    cidr = (rule.ip_range or {}).get('CidrIp')
    if cidr:
        try:
            return peer_address in ipaddress.IPv4Network(cidr, strict=False)
        except ValueError:
            return False
    group = (rule.source_group or {}).get('GroupId')
    if group:
        return group in peer_groups
    if rule.prefix_list_id:
        return any(peer_address in network for network in prefix_cidrs(rule.prefix_list_id))
    return False


def matching_rule(groups, direction, port, peer_address, peer_groups, prefix_cidrs):
    """(group, rule) of the first rule of `groups` ("ingress" or "egress") that lets the connection through."""
    for group in groups:
        for rule in list(getattr(group, f'{direction}_rules')):
            if rule_allows(rule, port, peer_address, peer_groups, prefix_cidrs):
                return group, rule
    return None


def rule_text(rule):
    peer = (rule.ip_range or {}).get('CidrIp') or (rule.source_group or {}).get('GroupId') or rule.prefix_list_id
    what = 'all traffic' if str(rule.ip_protocol) == '-1' else (
        f'tcp {rule.from_port}' if str(rule.from_port) == str(rule.to_port) else
        f'tcp {rule.from_port}-{rule.to_port}')
    return f'{what} {"to" if rule.is_egress else "from"} {peer} ({rule.id})'


def groups_phrase(ids):
    return (', '.join(ids) or 'no security group') + (' has' if len(ids) == 1 else ' have')


class ECSNetworkPatch(Patch):
    name = 'ecs-network'
    prefix = 'ecsnet'

    def __init__(self, settings):
        super().__init__(settings)
        self.decisions = collections.deque(maxlen=DECISIONS)

    # ------------------------------------------------------------------ install
    def install(self):
        from moto.core.exceptions import ServiceException
        from moto.ec2 import utils as ec2_utils
        from moto.ec2.models import EC2Backend, ec2_backends
        from moto.ec2.models.elastic_network_interfaces import NetworkInterface, NetworkInterfaceBackend
        from moto.ec2.models.security_groups import SecurityGroup, SecurityGroupIngress, SecurityGroupRule
        from moto.ecs import models
        from moto.moto_api._internal import mock_random
        from .ecs_runner import ECSRunnerPatch
        from .ecs_tasks import ECSTasksPatch

        require(self.name, models, 'Task', 'ecs_backends')
        require(self.name, models.Task, params=[('__init__', ['task_definition', 'backend',
                                                              'networking_configuration'])])
        require(self.name, models.EC2ContainerServiceBackend, 'describe_task_definition')
        require(self.name, EC2Backend, 'get_network_interface', 'get_subnet', 'get_vpc')
        require(self.name, NetworkInterfaceBackend(), 'enis')
        require(self.name, NetworkInterface, 'group_set',
                params=[('__init__', ['subnet', 'private_ip_address', 'group_ids'])])
        require(self.name, SecurityGroup, params=[('__init__', ['group_id', 'vpc_id'])])
        require(self.name, SecurityGroupRule, params=[
            ('__init__', ['ip_protocol', 'from_port', 'to_port', 'ip_range', 'source_group', 'prefix_list_id',
                          'is_egress'])])
        require(self.name, SecurityGroupIngress, 'create_from_cloudformation_json',
                params=[('__init__', ['security_group', 'properties'])])
        require(self.name, EC2Backend, params=[('revoke_security_group_ingress', [
            'group_name_or_id', 'ip_protocol', 'from_port', 'to_port', 'ip_ranges', 'source_groups'])])
        if hasattr(SecurityGroupIngress, 'delete'):
            raise PatchError(f'{self.name}: moto now deletes AWS::EC2::SecurityGroupIngress; check this patch')
        require(self.name, ec2_utils, 'generate_dns_from_ip')
        require(self.name, mock_random, 'randint')
        require(self.name, ECSRunnerPatch, 'network')
        require(self.name, ECSTasksPatch, 'runner')
        self.ecs_backends, self.ec2_backends, self.ServiceException = models.ecs_backends, ec2_backends, \
            ServiceException
        self.dns_name, self.random, self.tasks_patch = ec2_utils.generate_dns_from_ip, mock_random, ECSTasksPatch
        self.task_signature = inspect.signature(models.Task.__init__)
        for program in SHIMMED:
            executable(os.path.join(SHIMS, program))
        wrap(models.Task, '__init__', self.task_init)
        patch = self

        def delete(resource, account_id, region_name):
            patch.delete_ingress(resource, account_id, region_name)
        delete.__doc__ = self.delete_ingress.__doc__
        SecurityGroupIngress.delete = delete
        ECSRunnerPatch.network = self

    # ------------------------------------------------------------------ the task's address in its subnet
    def task_init(self, old, task, *args, **kwargs):
        """moto's Task: its ENI's address is moved into the ENI's subnet."""
        old(task, *args, **kwargs)
        backend = self.task_signature.bind(task, *args, **kwargs).arguments.get('backend')
        if backend is not None:
            self.place_in_subnet(self.ec2_backends[backend.account_id][backend.region_name], task)

    def place_in_subnet(self, ec2, task):
        """Each ENI attachment's address becomes a free one of its subnet (CreateSubnet: "Amazon Web Services reserves
        both the first four and the last IPv4 address in each subnet's CIDR block. They're not available for your
        use."); the ENI and the attachment's privateIPv4Address and privateDnsName follow."""
        for attachment in eni_attachments(task):
            try:
                eni = ec2.get_network_interface(detail(attachment, 'networkInterfaceId'))
            except self.ServiceException:
                continue
            network = ipaddress.IPv4Network(eni.subnet.cidr_block, strict=False)
            address = self.free_address(ec2, eni, network)
            if address is None:
                continue   # a full subnet: moto's address stays
            eni.private_ip_address = address
            if getattr(eni, 'private_dns_name', None):   # a VPC with DNS hostnames
                eni.private_dns_name = self.dns_name(address)
            primary = {'Primary': True, 'PrivateIpAddress': address}
            if getattr(eni, 'private_dns_name', None):
                primary['PrivateDnsName'] = eni.private_dns_name
            eni.private_ip_addresses = [primary]
            for item in attachment['details']:
                if item.get('name') == 'privateIPv4Address':
                    item['value'] = address
                elif item.get('name') == 'privateDnsName':
                    item['value'] = getattr(eni, 'private_dns_name', None)

    def free_address(self, ec2, eni, network):
        """A random address of the subnet that no other ENI of it has, outside the reserved ones; None when full."""
        used = set()
        for other in list(ec2.enis.values()):
            if other is not eni and getattr(other.subnet, 'id', None) == eni.subnet.id:
                used.add(other.private_ip_address)
                used.update(a.get('PrivateIpAddress') for a in other.private_ip_addresses or [])
        first, last = 4, network.num_addresses - 2
        if last < first:
            return None
        for _ in range(64):
            candidate = str(network.network_address + self.random.randint(first, last))
            if candidate not in used:
                return candidate
        for offset in range(first, last + 1):
            candidate = str(network.network_address + offset)
            if candidate not in used:
                return candidate
        return None

    # ------------------------------------------------------------------ AWS::EC2::SecurityGroupIngress deleted
    def delete_ingress(self, resource, account_id, region_name):
        """A stack deletes an AWS::EC2::SecurityGroupIngress (removed from the template, or the stack deleted): its
        rule is revoked from the group. Already gone (the group deleted, the rule revoked by hand): nothing to do."""
        properties = resource.properties or {}
        source = {k: properties[p] for k, p in (('GroupId', 'SourceSecurityGroupId'),
                                                 ('GroupName', 'SourceSecurityGroupName')) if properties.get(p)}
        try:
            self.ec2_backends[account_id][region_name].revoke_security_group_ingress(
                group_name_or_id=resource.security_group.id, ip_protocol=properties.get('IpProtocol'),
                from_port=properties.get('FromPort'), to_port=properties.get('ToPort'),
                ip_ranges=[{'CidrIp': properties['CidrIp']}] if properties.get('CidrIp') else [],
                source_groups=[source] if source else [])
        except self.ServiceException:
            pass

    # ------------------------------------------------------------------ finding tasks and their ENIs
    def runner(self):
        return self.tasks_patch.runner

    def backends(self):
        """Every ECS backend moto made (without making new ones)."""
        for by_region in list(dict.values(self.ecs_backends)):
            yield from list(dict.values(by_region))

    def find_task(self, reference):
        """(backend, task, live run or None) for a task ARN or id; None when no backend has it."""
        reference = str(reference or '').strip()
        task_id = reference.rsplit('/', 1)[-1]
        runner = self.runner()
        live = runner.live.get(task_id) if runner is not None and task_id else None
        if live is not None:
            return live.backend, live.task, live
        for backend in self.backends():
            for tasks in list(backend.tasks.values()):
                for arn, task in list(tasks.items()):
                    if arn == reference or getattr(task, 'id', None) == task_id:
                        return backend, task, None
        return None

    def ec2(self, backend):
        return self.ec2_backends[backend.account_id][backend.region_name]

    def side(self, backend, task, attachment=None):
        """The task as one end of a connection (its first live ENI); eni None when it has none."""
        attachments = [attachment] if attachment is not None else eni_attachments(task)
        for item in attachments:
            try:
                eni = self.ec2(backend).get_network_interface(detail(item, 'networkInterfaceId'))
            except self.ServiceException:
                continue
            return Side(backend, task, eni, ipv4(detail(item, 'privateIPv4Address')) or ipv4(eni.private_ip_address))
        return Side(backend, task, None, None)

    def holders(self, backend, address):
        """(task, attachment) of every task of the account and Region whose live ENI has `address`."""
        out = []
        for tasks in list(backend.tasks.values()):
            for task in list(tasks.values()):
                for attachment in eni_attachments(task):
                    if ipv4(detail(attachment, 'privateIPv4Address')) == address:
                        out.append((task, attachment))
        return out

    def resolve(self, backend, host):
        """A host name as the source task's resolver would answer it: an IPv4 literal, localhost, or a task's private
        DNS name (ip-10-0-1-7.ec2.internal); None for any other name (no DNS is modelled)."""
        literal = ipv4(host)
        if literal is not None:
            return literal
        name = str(host).strip().rstrip('.').lower()
        if name in LOOPBACK_NAMES:
            return ipaddress.IPv4Address('127.0.0.1')
        for tasks in list(backend.tasks.values()):
            for task in list(tasks.values()):
                for attachment in eni_attachments(task):
                    dns = detail(attachment, 'privateDnsName')
                    if dns and dns.rstrip('.').lower() == name:
                        return ipv4(detail(attachment, 'privateIPv4Address'))
        return None

    def definitions(self, backend, task):
        """The container definitions of the task's task definition ([] when it is gone)."""
        live = self.runner().live.get(task.id) if self.runner() is not None else None
        if live is not None and live.task is task:
            return live.td.container_definitions
        try:
            return backend.describe_task_definition(task.task_definition_arn).container_definitions
        except Exception:  # noqa: BLE001 - a deregistered or deleted definition: nothing known to listen
            return []

    def family(self, task):
        arn = getattr(task, 'task_definition_arn', '') or ''
        return arn.rsplit('/', 1)[-1].rsplit(':', 1)[0] or '?'

    def prefix_cidrs(self, ec2):
        """A function: prefix list id -> the IPv4 networks of its current version."""
        def cidrs(prefix_list_id):
            found = getattr(ec2, 'managed_prefix_lists', {}).get(prefix_list_id)
            if found is None:
                return []
            entries = (found.entries or {}).get(found.version) or []
            out = []
            for entry in entries:
                try:
                    out.append(ipaddress.IPv4Network(entry.get('Cidr'), strict=False))
                except (TypeError, ValueError):
                    pass
            return out
        return cidrs

    # ------------------------------------------------------------------ the connection model
    def connect(self, body):
        """POST /_berth/ecsrun/connect: would a TCP connection from the task's container to host:port succeed?"""
        reference, container, host, port = body.get('task'), body.get('container'), body.get('host'), body.get('port')
        if not isinstance(reference, str) or not reference:
            raise Refused(400, 'task (the source task\'s ARN or id) is required')
        if not isinstance(host, str) or not host.strip():
            raise Refused(400, 'host is required')
        if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
            raise Refused(400, 'port must be an integer from 1 to 65535')
        found = self.find_task(reference)
        if found is None:
            raise Refused(404, f'no task {reference}')
        backend, task, _live = found
        if container is not None and container not in [c.name for c in task.containers]:
            raise Refused(400, f'the task has no container {container}')
        answer = self.decide(backend, task, host.strip(), port)
        answer.update(task=task.task_arn, container=container, host=host, port=port)
        with self.lock:
            self.decisions.append({'time': time.time(), **answer})
        return answer

    def decide(self, backend, task, host, port):
        """The decision, in the order a SYN meets the checks: the name, the address, the VPC, the source's egress,
        the target's ingress, a listener."""
        address = self.resolve(backend, host)
        if address is None:
            return verdict(BAD_ADDRESS, f'bad address \'{host}\': no DNS is modelled; only IPv4 addresses, localhost '
                                        'and tasks\' private DNS names (ip-A-B-C-D...) resolve')
        if address.is_loopback:
            return self.loopback(backend, task, address, port)
        source = self.side(backend, task)
        if source.eni is None:
            return verdict(TIMEOUT, 'the source task has no network interface (its network mode is not awsvpc)',
                           address)
        if address == source.address:
            return self.loopback(backend, task, address, port, own=True)
        holders = self.holders(backend, address)
        running = [(t, a) for t, a in holders if t.last_status == 'RUNNING']
        if not running:
            if holders:
                other = holders[0][0]
                return verdict(TIMEOUT, f'the task at {address} (family {self.family(other)}) is '
                                        f'{other.last_status}, not RUNNING', address)
            return verdict(TIMEOUT, f'no running task has {address}', address)
        # Two VPCs may use the same addresses: the source's VPC routes to its own.
        sides = sorted((self.side(backend, t, a) for t, a in running), key=lambda s: s.vpc_id != source.vpc_id)
        target, target_task = sides[0], sides[0].task
        about = {'targetTask': target_task.task_arn, 'family': self.family(target_task)}
        if target.eni is None:
            return verdict(TIMEOUT, f'no running task has {address} (its network interface is gone)', address, about)
        if target.vpc_id != source.vpc_id:
            return verdict(TIMEOUT, f'{address} is in {target.vpc_id}, the source in {source.vpc_id}', address, about)
        cidrs = self.prefix_cidrs(self.ec2(backend))
        out = matching_rule(source.groups, 'egress', port, address, target.group_ids, cidrs)
        if out is None:
            peers = ' or '.join(target.group_ids + [str(address)])
            return verdict(TIMEOUT, f'{groups_phrase(source.group_ids)} no egress rule for tcp {port} to {peers}',
                           address, about)
        inward = matching_rule(target.groups, 'ingress', port, source.address, source.group_ids, cidrs)
        if inward is None:
            peers = ' or '.join(source.group_ids + [str(source.address)])
            return verdict(TIMEOUT, f'{groups_phrase(target.group_ids)} no ingress rule for tcp {port} from {peers}',
                           address, about)
        listening, mapped = self.listener(backend, target_task, port)
        rules = f'{out[0].id} allows {rule_text(out[1])}; {inward[0].id} allows {rule_text(inward[1])}'
        if listening is None:
            return verdict(REFUSED, f'the task at {address} (family {about["family"]}) has no container listening on '
                                    f'{port} ({mapped}); {rules}', address, about)
        return verdict(OPEN, f'container {listening} of the task at {address} (family {about["family"]}) listens on '
                             f'{port}; {rules}', address, {**about, 'targetContainer': listening})

    def listener(self, backend, task, port):
        """(name of a RUNNING container whose portMappings have tcp `port`, or None; what the task maps, as text).
        PortMapping.hostPort: "If you use containers in a task with the awsvpc or host network mode, the hostPort can
        either be left blank or set to the same value as the containerPort": the containerPort is where it listens."""
        statuses = {c.name: c.last_status for c in task.containers}
        mapped, stopped = [], []
        for definition in self.definitions(backend, task):
            name = definition.get('name')
            for low, high, protocol, text in port_mappings(definition):
                mapped.append(text)
                if low <= port <= high and protocol == 'tcp':
                    if statuses.get(name, task.last_status) == 'RUNNING':
                        return name, None
                    stopped.append(f'container {name}, which maps {port}, is {statuses.get(name, task.last_status)}')
        text = 'port mappings: ' + (', '.join(mapped) or 'none')
        return None, '; '.join([text] + stopped)

    def loopback(self, backend, task, address, port, own=False):
        """127.0.0.0/8 (or the task's own address): the task's own containers, which share its network namespace;
        no security group is involved."""
        listening, mapped = self.listener(backend, task, port)
        where = f'its own address {address}' if own else str(address)
        if listening is None:
            return verdict(REFUSED, f'no container of this task listens on {port} at {where} ({mapped})', address)
        return verdict(OPEN, f'container {listening} of this task listens on {port} ({where})', address,
                       {'targetTask': task.task_arn, 'targetContainer': listening})

    # ------------------------------------------------------------------ the metadata endpoint
    def metadata_uri(self, task, container_name):
        """ECS_CONTAINER_METADATA_URI_V4 of a container the runner starts: the emulator's own URL (where the control
        API is), naming the task and the container."""
        base = (self.settings.endpoint_url or '').rstrip('/')
        return f'{base}/_berth/ecsrun/{METADATA}{urllib.parse.quote(task.id)}/{urllib.parse.quote(container_name)}'

    def metadata(self, action):
        """GET metadata/<task id>/<container>[/task]."""
        parts = [urllib.parse.unquote(p) for p in action[len(METADATA):].split('/')]
        if len(parts) not in (2, 3) or (len(parts) == 3 and parts[2] != 'task'):
            raise Refused(404, f'no such metadata path: {action} (the container\'s, or its /task)')
        runner = self.runner()
        live = runner.live.get(parts[0]) if runner is not None else None
        if live is None:
            raise Refused(404, f'no task {parts[0]} of the container runner')
        box = next((b for b in live.boxes if b.name == parts[1]), None)
        if box is None:
            raise Refused(404, f'the task has no container {parts[1]}')
        if len(parts) == 3:
            return self.task_metadata(live)
        return self.container_metadata(live, box)

    def networks(self, live):
        """Networks: the task's ENI as the v4 endpoint shows it (awsvpc; omitted without one). From the attachment,
        which outlives the ENI (deleted when the task stops)."""
        attachment = next(iter([a for a in live.task.attachments if a.get('type') == 'ElasticNetworkInterface']), None)
        if attachment is None or not detail(attachment, 'privateIPv4Address'):
            return None
        ec2, region = self.ec2(live.backend), live.backend.region_name
        network = {'NetworkMode': 'awsvpc', 'IPv4Addresses': [detail(attachment, 'privateIPv4Address')],
                   'AttachmentIndex': 0}
        if detail(attachment, 'macAddress'):
            network['MACAddress'] = detail(attachment, 'macAddress')
        subnet = vpc = None
        try:
            subnet = ec2.get_subnet(detail(attachment, 'subnetId'))
            vpc = ec2.get_vpc(subnet.vpc_id)
        except self.ServiceException:
            pass
        block = ipaddress.IPv4Network(subnet.cidr_block, strict=False) if subnet is not None else None
        if block is not None:
            network['IPv4SubnetCIDRBlock'] = str(block)
        if vpc is not None:   # the Amazon DNS server: the base of the VPC's primary CIDR block plus two
            network['DomainNameServers'] = [str(ipaddress.IPv4Network(vpc.cidr_block, strict=False).network_address
                                                + 2)]
        network['DomainNameSearchList'] = ['ec2.internal' if region == 'us-east-1' else f'{region}.compute.internal']
        if detail(attachment, 'privateDnsName'):
            network['PrivateDNSName'] = detail(attachment, 'privateDnsName')
        if block is not None:   # the VPC router: the subnet's base plus one
            network['SubnetGatewayIpv4Address'] = f'{block.network_address + 1}/{block.prefixlen}'
        return [network]

    def container_metadata(self, live, box):
        """${ECS_CONTAINER_METADATA_URI_V4}: the container (DockerId is its runtimeId)."""
        task, td, container = live.task, live.td, box.container
        out = {'DockerId': getattr(container, 'runtime_id', None), 'Name': box.name, 'DockerName': box.name,
               'Image': box.image,
               'Labels': {'com.amazonaws.ecs.cluster': task.cluster_arn, 'com.amazonaws.ecs.container-name': box.name,
                          'com.amazonaws.ecs.task-arn': task.task_arn,
                          'com.amazonaws.ecs.task-definition-family': td.family,
                          'com.amazonaws.ecs.task-definition-version': str(td.revision)},
               'DesiredStatus': 'STOPPED' if task.desired_status == 'STOPPED' or box.status == 'STOPPED'
               else 'RUNNING',
               'KnownStatus': getattr(container, 'last_status', None) or box.status}
        limits = {k: box.definition[d] for k, d in (('CPU', 'cpu'), ('Memory', 'memory'))
                  if box.definition.get(d) not in (None, '')}
        if limits:
            out['Limits'] = limits
        for key, value in (('CreatedAt', getattr(task, 'created_at', None)),
                           ('StartedAt', getattr(box, 'started_at', None)),
                           ('FinishedAt', getattr(box, 'finished_at', None))):
            if timestamp(value):
                out[key] = timestamp(value)
        if box.status == 'STOPPED' and box.exit_code is not None:
            out['ExitCode'] = box.exit_code
        out['Type'] = 'NORMAL'
        log = box.definition.get('logConfiguration') or {}
        if log.get('logDriver'):
            out['LogDriver'] = log['logDriver']
            options = dict(log.get('options') or {})
            if log['logDriver'] == 'awslogs':
                prefix = options.get('awslogs-stream-prefix')
                options['awslogs-stream'] = f'{prefix}/{box.name}/{task.id}' if prefix else \
                    getattr(container, 'runtime_id', None)
            out['LogOptions'] = options
        if getattr(container, 'container_arn', None):
            out['ContainerARN'] = container.container_arn
        networks = self.networks(live)
        if networks:
            out['Networks'] = networks
        return out

    def task_metadata(self, live):
        """${ECS_CONTAINER_METADATA_URI_V4}/task: the task, with every container's metadata."""
        task, td = live.task, live.td
        out = {'Cluster': task.cluster_arn, 'TaskARN': task.task_arn, 'Family': td.family,
               'Revision': str(td.revision), 'DesiredStatus': task.desired_status, 'KnownStatus': task.last_status}
        limits = {}
        try:
            if task.cpu:
                limits['CPU'] = int(task.cpu) / 1024   # vCPU
            if task.memory:
                limits['Memory'] = int(task.memory)
        except (TypeError, ValueError, AttributeError):
            pass
        if limits:
            out['Limits'] = limits
        for key, attribute in (('PullStartedAt', 'pull_started_at'), ('PullStoppedAt', 'pull_stopped_at'),
                               ('ExecutionStoppedAt', 'execution_stopped_at')):
            if timestamp(getattr(task, attribute, None)):
                out[key] = timestamp(getattr(task, attribute))
        if getattr(task, 'availability_zone', None):
            out['AvailabilityZone'] = task.availability_zone
        out['LaunchType'] = getattr(task, 'launch_type', None) or 'FARGATE'
        out['Containers'] = [self.container_metadata(live, box) for box in live.boxes]
        return out

    # ------------------------------------------------------------------ hooks of the runner
    def shims(self):
        """The directory of the stand-ins the runner puts first on a container's PATH."""
        return SHIMS

    def shim(self, program):
        """The host path of the stand-in for a program a container runs (nc), or None."""
        return os.path.join(SHIMS, 'nc') if program in SHIMMED else None

    def runner_control(self, method, action, body):
        """/_berth/ecsrun/connect and /_berth/ecsrun/metadata/..., which the runner hands over."""
        try:
            if (method, action) == ('POST', 'connect'):
                return 200, self.connect(body)
            if method == 'GET' and action.startswith(METADATA):
                return 200, self.metadata(action)
        except Refused as refused:
            return refused.status, {'error': refused.message}
        return 404, {'error': f'no such endpoint: {method} /_berth/ecsrun/{action}'}

    # ------------------------------------------------------------------ control API
    def reset(self):
        with self.lock:
            self.decisions.clear()

    def state(self):
        with self.lock:
            return {'shims': SHIMS, 'connects': list(self.decisions)}

    def control(self, method, action, body):
        if (method, action) == ('GET', 'state'):
            return 200, self.state()
        return super().control(method, action, body)


def executable(path):
    """The shim must run as a program; a copy that lost its mode bits gets them back (a PatchError when it cannot)."""
    if not os.path.isfile(path):
        raise PatchError(f'ecs-network: {path} is missing')
    if not os.access(path, os.X_OK):
        try:
            os.chmod(path, os.stat(path).st_mode | 0o111)
        except OSError as e:
            raise PatchError(f'ecs-network: {path} is not executable and cannot be made so: {e}') from e


def verdict(result, reason, address=None, about=None):
    return {'reachable': result == OPEN, 'result': result, 'reason': reason,
            'address': str(address) if address is not None else None, **(about or {})}
