"""CloudFormation as AWS runs it, on top of moto's stacks and resource models.

moto creates a stack's resources, but its change sets do not apply templates, its updates leave
properties, outputs and exports stale, it writes no resource events, it accepts any template, and
every operation is over when the call returns. This patch replaces moto's stack operations with
ones that follow the CloudFormation documentation (docs/cloudformation.md says which sentence each
follows, and its limits):

  * create_stack / a CREATE change set: resources made one by one in dependency order, with events;
  * update_stack / an UPDATE change set: a plan of Add / Modify / Remove, replacements for changes
    of createOnlyProperties, cleanup, outputs and exports recomputed; no-change and status checks;
  * delete_stack: resources deleted newest first, with events; DELETE_FAILED when one will not go;
  * templates checked with cfn-lint first, as CloudFormation's template validation does;
  * operations show *_IN_PROGRESS for `polls` DescribeStacks calls before their final status, or, under AWS's
    pace (Settings.pace > 0), for the time the operation's critical path takes, with each event at its modelled
    time (stack_pace.py; docs/pace.md);
  * a switch (`POST /_berth/cfn/fail-next`) that makes the next operation touching a resource fail
    there and roll back.

The work itself is done synchronously under one lock; only the status that DescribeStacks reports
(and the final stack event) waits for the polls, or under pace what the stack's calls show waits for its time.
"""
import collections
import copy
import dataclasses
import functools
import hashlib
import inspect
import re
import sys
import threading
import time
import traceback
import types

from .. import pace
from .base import Patch, PatchError, require, wrap
from .stack_pace import StackTimeline

# Stack statuses from which UpdateStack, an UPDATE change set and ExecuteChangeSet may start.
UPDATABLE = frozenset({'CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE',
                       'IMPORT_ROLLBACK_COMPLETE'})
# In-progress statuses DeleteStack accepts: a create is cancelled and deleted, a delete is already running.
DELETABLE_IN_PROGRESS = frozenset({'CREATE_IN_PROGRESS', 'REVIEW_IN_PROGRESS', 'DELETE_IN_PROGRESS'})
RETAINING_POLICIES = frozenset({'Retain', 'RetainExceptOnCreate'})
NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set."
REPLACING = 'Requested update requires the creation of a new physical resource; hence creating one.'
# cfn-lint findings AWS accepts: Fn::Join over Fn::GetAZs (cfn-lint issue #4674).
LINT_FALSE_POSITIVES = (re.compile(r"^\{'Fn::GetAZs': .*\} is not of type 'array'$"),)
SUB_VARIABLE = re.compile(r'\$\{(?!!)([^}]+)\}')


# =========================================================================== reading templates
def references(node):
    """Logical names a template fragment refers to: Ref, Fn::GetAtt, and ${X} / ${X.Attr} in Fn::Sub."""
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == 'Ref' and isinstance(value, str):
                found.add(value)
            elif key == 'Fn::GetAtt':
                found.add(value[0] if isinstance(value, list) and value else str(value).split('.')[0])
            elif key == 'Fn::Sub':
                text, names = (value, {}) if isinstance(value, str) else (value[0], value[1] if len(value) > 1 else {})
                found |= {v.split('.')[0] for v in SUB_VARIABLE.findall(text) if v not in names} | references(names)
            else:
                found |= references(value)
    elif isinstance(node, list):
        for value in node:
            found |= references(value)
    return found


def conditions_in(node):
    """Condition names a template fragment chooses between with Fn::If."""
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == 'Fn::If' and isinstance(value, list) and value:
                found.add(value[0])
            found |= conditions_in(value)
    elif isinstance(node, list):
        for value in node:
            found |= conditions_in(value)
    return found


def dependency_map(*templates_resources):
    """{logical id: the logical ids it refers to (Ref, Fn::GetAtt, Fn::Sub) or DependsOn}, over the Resources of
    one or more templates (an update's old and new); parameters and pseudo parameters are not resources."""
    depends = collections.defaultdict(set)
    for resources in templates_resources:
        for lid, body in resources.items():
            body = body if isinstance(body, dict) else {}
            explicit = body.get('DependsOn') or []
            explicit = [explicit] if isinstance(explicit, str) else explicit
            implicit = references({k: v for k, v in body.items() if k != 'Condition'})
            depends[lid] |= (implicit | set(explicit)) & set(resources) - {lid}
    return depends


def dependency_order(resources):
    """Logical ids ordered so that each comes after what it refers to or DependsOn, otherwise in template order:
    the order CloudFormation creates resources in (and deletes them in reverse)."""
    depends = dependency_map(resources)
    order, done, left = [], set(), list(resources)
    while left:
        ready = [lid for lid in left if depends[lid] <= done]
        if not ready:  # a cycle (cfn-lint E3004 rejects those): keep template order for the rest
            return order + left
        order += ready
        done |= set(ready)
        left = [lid for lid in left if lid not in done]
    return order


def normalized(value):
    """A parameter value as text, so that 7, '7' and ['a', 'b'] / 'a,b' compare equal."""
    return ','.join(map(str, value)) if isinstance(value, list) else str(value)


def normalized_parameters(parameters):
    return {key: normalized(value) for key, value in (parameters or {}).items() if value is not None}


def present(resource_map, resources):
    """The logical ids whose Condition (if any) is true, in template order: the resources a stack has."""
    ids = []
    for lid, body in resources.items():
        condition = body.get('Condition') if isinstance(body, dict) else None
        try:
            if condition and not resource_map.lazy_condition_map[condition]:
                continue
        except (KeyError, AttributeError):
            pass
        ids.append(lid)
    return ids


def condition_values(resource_map, template):
    values = {}
    for name in template.get('Conditions') or {}:
        try:
            values[name] = bool(resource_map.lazy_condition_map[name])
        except (KeyError, AttributeError):
            values[name] = None
    return values


def physical_id(resource_map, lid):
    return getattr(resource_map._parsed_resources.get(lid), 'physical_resource_id', None)


def failure_reason(error):
    """What a resource's CREATE_FAILED / UPDATE_FAILED event says when moto refused the resource."""
    message = getattr(error, 'message', None) or str(error) or type(error).__name__
    if not hasattr(error, 'code'):  # not an AWS error: a gap in moto, worth a traceback for whoever runs this
        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    return str(message)[:1000]


# moto's CloudFormation models of these EC2 types have no delete, so a stack holding a VPC could never be
# deleted (the VPC keeps a route table and an attached gateway); CloudFormation deletes each of them.
def _delete_route(ec2, route):
    prefix_list = getattr(route, 'destination_prefix_list', None)
    ec2.delete_route(route.route_table.id, route.destination_cidr_block, route.destination_ipv6_cidr_block,
                     getattr(prefix_list, 'id', prefix_list))


def _delete_route_table_association(ec2, association):
    table = ec2.get_route_table(association.route_table_id)
    for association_id, subnet_id in list(table._associations.items()):
        if subnet_id == association.subnet_id:
            ec2.disassociate_route_table(association_id)


def _detach_gateway(ec2, attachment):
    if str(attachment.gateway_id).startswith('igw-'):
        ec2.detach_internet_gateway(attachment.gateway_id, attachment.vpc_id)


EC2_DELETERS = {
    'AWS::EC2::Route': _delete_route,
    'AWS::EC2::SubnetRouteTableAssociation': _delete_route_table_association,
    'AWS::EC2::RouteTable': lambda ec2, table: ec2.delete_route_table(table.id),
    'AWS::EC2::VPCGatewayAttachment': _detach_gateway,
    'AWS::EC2::InternetGateway': lambda ec2, gateway: ec2.delete_internet_gateway(gateway.id),
}


# =========================================================================== plans and operations
@dataclasses.dataclass
class Change:
    """One entry of a change set's Changes, and the step of an update that applies it."""
    action: str                      # Add, Modify or Remove
    logical_id: str
    resource_type: str
    old: dict = None                 # the resource in the stack's template (Modify, Remove)
    new: dict = None                 # the resource in the new template (Add, Modify)
    physical_id: str = None          # the live resource (Modify, Remove)
    replacement: str = None          # 'True', 'False' or 'Conditional' (Modify)
    scope: list = dataclasses.field(default_factory=list)
    details: list = dataclasses.field(default_factory=list)
    policy_action: str = None

    @property
    def replaces(self):
        return self.action == 'Modify' and self.replacement != 'False'

    @property
    def verb(self):
        return 'CREATE' if self.action == 'Add' else 'UPDATE'

    def as_resource_change(self):
        """The ResourceChange moto's serializer writes into DescribeChangeSet's Changes."""
        fields = dict(action=self.action, logical_resource_id=self.logical_id, resource_type=self.resource_type,
                      scope=list(self.scope), details=list(self.details))
        if self.action != 'Add':
            fields['physical_resource_id'] = self.physical_id
            if self.policy_action:
                fields['policy_action'] = self.policy_action
        if self.action == 'Modify':
            fields['replacement'] = self.replacement
        return types.SimpleNamespace(**fields)


@dataclasses.dataclass
class Proposal:
    """What an update or a change set asks for: the template, a resource map for it, parameter values, tags."""
    body: str
    template: dict
    resource_map: object
    parameters: dict
    tags: dict = None                # None: keep the stack's tags


@dataclasses.dataclass
class Pending:
    """An operation whose work is done but whose final status DescribeStacks does not show yet."""
    stack: object
    shown: str
    final: str
    reason: str
    polls_left: int
    then: object = None              # what happens at the end (a deleted stack leaves the live list)
    change_set: object = None
    execution: str = None            # the change set's ExecutionStatus at the end
    timeline: object = None          # under pace: the StackTimeline whose end is the operation's (polls unused)


def detail(attribute, name, recreation, evaluation, source, entity=None):
    """A ResourceChangeDetail as the DescribeChangeSet API reference defines it."""
    target = {'Attribute': attribute, 'RequiresRecreation': recreation}
    if name and attribute != 'Tags':
        target['Name'] = name
    out = {'Target': target, 'Evaluation': evaluation, 'ChangeSource': source}
    if entity:
        out['CausingEntity'] = entity
    return out


def replacement_of(details):
    """ResourceChange.Replacement by botocore's rule: RequiresRecreation Always with a Static evaluation is True;
    any other recreation (Always but Dynamic, Conditionally) is Conditional; none is False."""
    targets = [(d['Target']['RequiresRecreation'], d['Evaluation']) for d in details]
    if ('Always', 'Static') in targets:
        return 'True'
    return 'Conditional' if any(recreation != 'Never' for recreation, _ in targets) else 'False'


# =========================================================================== template validation
class TemplateLinter:
    """cfn-lint's rules, loaded once, run on each template; findings are cached by the template's SHA-256."""
    CACHE_SIZE = 256

    def __init__(self):
        self.rules = None
        self.cache = collections.OrderedDict()
        self.lock = threading.Lock()

    def load(self):
        """Loads cfn-lint's rules (about half a second), once."""
        with self.lock:
            if self.rules is None:
                from cfnlint.config import ConfigMixIn
                from cfnlint.runner import Runner
                self.rules = Runner(ConfigMixIn(regions=['us-east-1'])).rules

    def findings(self, body, region):
        """(rule id, message, path, line, column) of every cfn-lint finding for the template in that region."""
        self.load()
        key = (region, hashlib.sha256(body.encode()).hexdigest())
        with self.lock:
            if key in self.cache:
                self.cache.move_to_end(key)
                return self.cache[key]
            from cfnlint.config import ConfigMixIn
            from cfnlint.decode.decode import decode_str
            from cfnlint.runner import run_template_by_data
            template, errors = decode_str(body)
            if errors:
                matches = errors
            elif template is None:
                matches = []
            else:
                matches = list(run_template_by_data(template, ConfigMixIn(regions=[region]), self.rules))
            found = tuple((m.rule.id, m.message, tuple(getattr(m, 'path', None) or ()), m.linenumber, m.columnnumber)
                          for m in matches)
            self.cache[key] = found
            while len(self.cache) > self.CACHE_SIZE:
                self.cache.popitem(last=False)
            return found

    def errors(self, body, region, ignore):
        """The error findings (rule ids E...) not ignored, each as CloudFormation would word it."""
        out = []
        for rule, message, path, line, column in self.findings(body, region):
            if not rule.startswith('E') or rule in ignore or any(fp.match(message) for fp in LINT_FALSE_POSITIVES):
                continue
            if rule == 'E0000':
                kind = 'JSON' if body.lstrip().startswith('{') else 'YAML'
                out.append(f'{kind} not well-formed. (line {line}, column {column}): {message}')
            else:
                where = '/'.join(map(str, path)) or f'line {line}'
                out.append(f'{rule} {message} (at {where})')
        return out


# =========================================================================== the patch
class CloudFormationPatch(Patch):
    """Stack operations, change sets, template validation, asynchronous statuses and the failure switch."""
    name = 'cloudformation'
    prefix = 'cfn'

    def __init__(self, settings):
        super().__init__(settings)
        self.fail_next = []                 # [{"logicalId", "reason", "stackName"}]
        self.pending = {}                   # stack id -> Pending
        self.linter = TemplateLinter()
        self.create_only_cache = {}
        self.request = threading.local()    # the StackName of the change set request being served
        self.open = []                      # timelines whose operation is still being worked, innermost last

    # ------------------------------------------------------------------ installation
    def install(self):
        """Checks moto's internals (PatchError names what moved), then replaces moto's stack operations."""
        from moto.cloudformation import exceptions, models, parsing, responses, utils
        from moto.core import utils as core_utils
        from moto.ec2 import models as ec2_models
        from moto.ecs import models as ecs_models
        from moto.logs import models as logs_models
        self.models, self.parsing, self.utils, self.exceptions = models, parsing, utils, exceptions
        self.check_moto(models, parsing, responses, utils, exceptions, core_utils, ecs_models, logs_models, ec2_models)
        self.ec2_backends = ec2_models.ec2_backends
        self.utcnow = core_utils.utcnow
        self.ecs_backends, self.logs_backends = ecs_models.ecs_backends, logs_models.logs_backends

        class InvalidChangeSetStatus(exceptions.CloudFormationError):
            code = 'InvalidChangeSetStatus'

        class ChangeSetNotFound(exceptions.CloudFormationError):
            code = 'ChangeSetNotFound'
        self.InvalidChangeSetStatus, self.ChangeSetNotFound = InvalidChangeSetStatus, ChangeSetNotFound

        backend = models.CloudFormationBackend
        wrap(backend, 'create_stack', self.create_stack)
        wrap(backend, 'update_stack', self.update_stack)
        wrap(backend, 'delete_stack', self.delete_stack)
        wrap(backend, 'describe_stacks', self.describe_stacks)
        wrap(backend, 'create_change_set', self.create_change_set)
        wrap(backend, 'execute_change_set', self.execute_change_set)
        wrap(backend, 'describe_change_set', self.describe_change_set)
        wrap(backend, 'delete_change_set', self.delete_change_set)
        wrap(backend, 'list_change_sets', self.list_change_sets)
        wrap(backend, 'describe_stack_events', self.describe_stack_events)
        for method in ('describe_stack_resources', 'describe_stack_resource', 'list_stack_resources', 'list_stacks'):
            wrap(backend, method, self.refreshing)
        wrap(responses.StackResourceDTO, '__init__', self.resource_dto)
        wrap(responses.CloudFormationResponse, 'list_stack_resources', self.list_stack_resources_response)
        wrap(parsing.ResourceMap, '_delete_resource', self.delete_moto_resource)
        models.Stack.stack_resources = property(self.stack_resources, doc=self.stack_resources.__doc__)
        models.Stack.outputs = property(functools.partial(self.outputs, models.Stack.outputs.fget),
                                        doc=self.outputs.__doc__)
        models.Stack.parameter_list = property(
            functools.partial(self.parameter_list, models.Stack.parameter_list.fget), doc=self.parameter_list.__doc__)
        response = responses.CloudFormationResponse
        # "No updates are to be performed." is decided on resolved values below; moto's text comparison would
        # also raise it for change sets, which must come back FAILED instead.
        wrap(response, '_validate_different_update', lambda *_args, **_kwargs: None)
        for method in ('describe_change_set', 'delete_change_set', 'list_change_sets'):
            wrap(response, method, self.remember_stack_name)

    def check_moto(self, models, parsing, responses, utils, exceptions, core_utils, ecs_models, logs_models,
                   ec2_models):
        """Everything of moto this patch relies on, checked before anything is patched."""
        name = self.name
        require(name, models, 'Stack', 'ChangeSet', 'Event', 'CloudFormationBackend', 'cloudformation_backends')
        require(name, models.Stack, 'parse_template', '_parse_template', '_create_resource_map', '_create_output_map',
                '_add_stack_event', 'stack_resources', 'exports', 'outputs', 'parameter_list',
                params=[('__init__', ['stack_id', 'name', 'template', 'parameters', 'account_id', 'region_name',
                                      'notification_arns', 'tags', 'role_arn', 'cross_stack_resources']),
                        ('_add_stack_event', ['resource_status', 'resource_status_reason'])])
        require(name, models.ChangeSet, params=[('__init__', [
            'change_set_type', 'change_set_id', 'change_set_name', 'stack', 'template', 'parameters', 'description',
            'notification_arns', 'tags', 'role_arn'])])
        require(name, models.Event, 'sendToSns', params=[('__init__', [
            'stack_id', 'stack_name', 'logical_resource_id', 'physical_resource_id', 'resource_type', 'resource_status',
            'resource_status_reason', 'resource_properties'])])
        require(name, models.CloudFormationBackend, params=[
            ('create_stack', ['name', 'template', 'parameters']),
            ('update_stack', ['name', 'template', 'role_arn', 'parameters', 'tags']),
            ('delete_stack', ['name_or_stack_id']),
            ('describe_stacks', ['name_or_stack_id']),
            ('create_change_set', ['stack_name', 'change_set_name', 'template', 'parameters', 'description',
                                   'change_set_type', 'notification_arns', 'tags', 'role_arn']),
            ('execute_change_set', ['change_set_name', 'stack_name']),
            ('describe_change_set', ['change_set_name']),
            ('delete_change_set', ['change_set_name']),
            ('list_change_sets', []),
            ('get_stack', ['name_or_stack_id']),
            ('describe_stack_events', ['stack_name']),
            ('describe_stack_resources', ['stack_name', 'logical_resource_id']),
            ('describe_stack_resource', ['stack_name', 'logical_resource_id']),
            ('list_stack_resources', ['stack_name_or_id']),
            ('list_stacks', ['status_filter'])])
        require(name, parsing, 'ResourceMap', 'OutputMap', 'Export', 'clean_json', 'resource_name_property_from_type',
                'parse_resource_and_generate_name')
        require(name, parsing.ResourceMap, 'load', 'create',
                params=[('__init__', ['stack_id', 'stack_name', 'parameters', 'tags', 'region_name', 'account_id',
                                      'template', 'cross_stack_resources']),
                        ('_delete_resource', ['parsed_resource', 'resource_json'])])
        if not isinstance(inspect.getattr_static(models.Stack, 'outputs', None), property):
            raise PatchError(f'{name}: Stack.outputs is not a property')
        require(name, utils, 'generate_stack_id', 'generate_changeset_id', 'validate_create_change_set')
        require(name, exceptions, 'ValidationError', 'AlreadyExistsException', 'CloudFormationError')
        require(name, responses.CloudFormationResponse, '_validate_different_update', 'describe_change_set',
                'delete_change_set', 'list_change_sets', '_get_param', 'list_stack_resources', 'cloudformation_backend')
        require(name, responses, 'StackResourceDTO')
        require(name, responses.StackResourceDTO, params=[('__init__', ['stack', 'resource'])])
        require(name, core_utils, 'utcnow')
        require(name, ecs_models, 'ecs_backends')
        require(name, ecs_models.EC2ContainerServiceBackend,
                params=[('deregister_task_definition', ['task_definition_str'])])
        require(name, logs_models, 'logs_backends')
        require(name, logs_models.LogsBackend, params=[('put_retention_policy', ['log_group_name', 'retention_in_days']),
                                                       ('delete_retention_policy', ['log_group_name'])])
        require(name, ec2_models, 'ec2_backends')
        require(name, ec2_models.EC2Backend, 'get_route_table', params=[
            ('delete_route', ['route_table_id', 'destination_cidr_block', 'destination_ipv6_cidr_block',
                              'destination_prefix_list_id']),
            ('disassociate_route_table', ['association_id']), ('delete_route_table', ['route_table_id']),
            ('detach_internet_gateway', ['internet_gateway_id', 'vpc_id']),
            ('delete_internet_gateway', ['internet_gateway_id'])])
        backend = models.CloudFormationBackend('us-east-1', '000000000000')
        require(name, backend, 'stacks', 'deleted_stacks', 'change_sets', 'exports', 'region_name', 'account_id')
        resource_map = parsing.ResourceMap('id', 'name', {}, {}, region_name='us-east-1', account_id='000000000000',
                                           template={'Resources': {}}, cross_stack_resources={})
        resource_map.load()
        require(name, resource_map, '_parsed_resources', '_resource_json_map', 'lazy_condition_map',
                'resolved_parameters', '_account_id', '_region_name')
        try:
            import cfnlint.config, cfnlint.decode.decode, cfnlint.runner, cfnlint.schema  # noqa: E401,F401
        except ImportError as e:
            if self.settings.cfn_lint:
                raise PatchError(f'{name}: cfn-lint is not importable ({e}); install it or run with --no-cfn-lint')

    def warm_up(self):
        """Loads cfn-lint's rules and a first schema, so that the first stack operation is not the slow one."""
        if self.settings.cfn_lint:
            self.linter.errors('{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}', 'us-east-1', frozenset())
        self.create_only('AWS::Logs::LogGroup')

    # ------------------------------------------------------------------ control API and state
    def reset(self):
        """Disarms the fail-next switches and forgets operations still shown in progress (moto's state goes too)."""
        with self.lock:
            self.fail_next.clear()
            self.pending.clear()
            self.open.clear()

    def state(self):
        """Settings, armed switches and the operations DescribeStacks still shows in progress."""
        with self.lock:
            return {'polls': self.settings.cfn_polls, 'lint': self.settings.cfn_lint,
                    'lintIgnore': sorted(self.settings.cfn_lint_ignore), 'failNext': [dict(f) for f in self.fail_next],
                    'inProgress': [self.pending_state(p) for p in self.pending.values()]}

    @staticmethod
    def pending_state(pending):
        out = {'stackName': pending.stack.name, 'stackId': pending.stack.stack_id, 'shown': pending.shown,
               'final': pending.final, 'pollsLeft': pending.polls_left}
        if pending.timeline is not None:
            del out['pollsLeft']
            out['endsAt'] = round(pending.timeline.ended_at, 3)
        return out

    def control(self, method, action, body):
        """fail-next {"logicalId", "reason", "stackName"}; config {"polls", "lint", "lintIgnore"}; state; reset."""
        if action == 'state' and method == 'GET':
            return 200, self.state()
        if action not in ('fail-next', 'config', 'reset'):
            return super().control(method, action, body)
        if method != 'POST':
            return 405, {'error': f'use POST /_berth/{self.prefix}/{action}'}
        if action == 'reset':
            self.reset()
        elif action == 'fail-next':
            if not isinstance(body.get('logicalId'), str) or not body['logicalId']:
                return 400, {'error': 'give {"logicalId": ID[, "reason": TEXT][, "stackName": NAME]}'}
            with self.lock:
                self.fail_next.append({'logicalId': body['logicalId'], 'stackName': body.get('stackName') or None,
                                       'reason': body.get('reason') or 'Resource creation cancelled'})
        else:
            problem = self.configure(body)
            if problem:
                return 400, {'error': problem}
        return 200, self.state()

    def configure(self, body):
        """Applies POST /_berth/cfn/config; returns what is wrong with the body, if anything."""
        polls, lint, ignore = body.get('polls'), body.get('lint'), body.get('lintIgnore')
        if 'polls' in body and (not isinstance(polls, int) or isinstance(polls, bool) or polls < 0):
            return 'polls must be an integer >= 0'
        if 'lint' in body and not isinstance(lint, bool):
            return 'lint must be true or false'
        if 'lintIgnore' in body and (not isinstance(ignore, list) or not all(isinstance(r, str) for r in ignore)):
            return 'lintIgnore must be a list of rule ids'
        with self.lock:
            if 'polls' in body:
                self.settings.cfn_polls = polls
            if 'lint' in body:
                self.settings.cfn_lint = lint
            if 'lintIgnore' in body:
                self.settings.cfn_lint_ignore = frozenset(ignore)
        return None

    # ------------------------------------------------------------------ small helpers
    @staticmethod
    def live_stack(backend, name_or_id):
        """The stack that is not deleted, by id or name."""
        if name_or_id in backend.stacks:
            return backend.stacks[name_or_id]
        return next((s for s in backend.stacks.values() if s.name == name_or_id), None)

    def any_stack(self, backend, name_or_id):
        """As DescribeStacks finds it: a live one by name or id, a deleted one by id."""
        return self.live_stack(backend, name_or_id) or backend.deleted_stacks.get(name_or_id)

    def validation_error(self, message):
        """CloudFormation's 400 ValidationError with this message."""
        return self.exceptions.ValidationError(message=message)

    def check_updatable(self, stack):
        """UpdateStack, UPDATE change sets and their execution start only from a settled, updatable status."""
        if stack.status not in UPDATABLE:
            raise self.validation_error(f'Stack:{stack.stack_id} is in {stack.status} state and can not be updated.')

    def take_failure(self, stack, logical_ids):
        """The armed fail-next switch for one of these resources of this stack, disarmed; None if there is none."""
        with self.lock:
            for i, switch in enumerate(self.fail_next):
                if switch['logicalId'] in logical_ids and switch['stackName'] in (None, stack.name, stack.stack_id):
                    return self.fail_next.pop(i)
        return None

    def create_only(self, resource_type):
        """Top-level properties whose change replaces the resource: the provider schema's createOnlyProperties
        (the schemas cfn-lint ships)."""
        if resource_type not in self.create_only_cache:
            names = set()
            try:
                from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
                schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema('us-east-1', resource_type).schema
                names = {path.split('/')[2] for path in schema.get('createOnlyProperties', ())
                         if path.startswith('/properties/')}
            except Exception:  # noqa: BLE001 - an unknown or custom type: nothing is known to force replacement
                pass
            self.create_only_cache[resource_type] = frozenset(names)
        return self.create_only_cache[resource_type]

    def remember_stack_name(self, old, response):
        """moto's DescribeChangeSet, DeleteChangeSet and ListChangeSets drop the request's StackName; keep it."""
        self.request.stack_name = response._get_param('StackName')
        try:
            return old(response)
        finally:
            self.request.stack_name = None

    # ------------------------------------------------------------------ events
    def resource_event(self, stack, lid, resource_type, status, reason=None, physical=None):
        """A stack event of one resource, as DescribeStackEvents lists them."""
        event = self.models.Event(stack_id=stack.stack_id, stack_name=stack.name, logical_resource_id=lid,
                                  physical_resource_id=physical or '', resource_type=resource_type,
                                  resource_status=status, resource_status_reason=reason, resource_properties=None)
        try:
            event.sendToSns(stack.account_id, stack.region_name, stack.notification_arns)
        except Exception:  # noqa: BLE001 - a notification topic that is gone must not break the operation
            pass
        stack.events.append(event)
        timeline = self.open_timeline(stack)
        if timeline is not None:
            timeline.note(event)

    def stack_status(self, stack, status, reason=None, event_reason=True):
        """The stack moves to `status`, with its stack event (which gives the reason unless told not to)."""
        stack.status, stack.status_reason = status, reason
        stack._add_stack_event(status, resource_status_reason=reason if event_reason else None)
        timeline = self.open_timeline(stack)
        if timeline is not None:
            timeline.open_phase(stack.events[-1])

    # ------------------------------------------------------------------ asynchronous statuses
    def finish(self, stack, shown, final, reason=None, then=None, change_set=None, execution=None, at_once=False):
        """The operation's work is done; DescribeStacks shows `shown` for settings.cfn_polls calls naming the stack,
        then `final` (with the final stack event), as CloudFormation reports an operation that takes a while.
        Under pace the operation instead runs until its timeline ends, showing the status of the phase under way."""
        timeline = self.seal_pace(stack, final)
        pending = Pending(stack, shown, final, reason, 0 if at_once else self.settings.cfn_polls, then,
                          change_set, execution, None if at_once else timeline)
        if pending.timeline is None and pending.polls_left <= 0:
            self.complete(pending)
            return
        stack.status = shown
        stack.status_reason = reason if reason else 'User Initiated'
        if pending.timeline is not None:
            stack.status, stack.status_reason = pending.timeline.status_at(time.time())
        if change_set is not None:
            change_set.execution_status = 'EXECUTE_IN_PROGRESS'
        self.pending[stack.stack_id] = pending

    def complete(self, pending):
        """The end of an operation: final status and stack event, change set execution status, follow-up."""
        self.pending.pop(pending.stack.stack_id, None)
        # The final event gives no reason; DescribeStacks keeps a rollback's reason in StackStatusReason.
        self.stack_status(pending.stack, pending.final, pending.reason, event_reason=False)
        if pending.timeline is not None:
            pending.timeline.stamp_final(pending.stack.events[-1])
        if pending.change_set is not None:
            pending.change_set.execution_status = pending.execution
        if pending.then is not None:
            pending.then()

    def describe_stacks(self, old, backend, name_or_stack_id):
        """DescribeStacks naming a stack counts one poll of its running operation; after the configured number
        of polls the operation ends and this answer shows its final status. (Under pace, time decides.)"""
        with self.lock:
            self.refresh()
            stack = self.any_stack(backend, name_or_stack_id) if name_or_stack_id else None
            pending = self.pending.get(stack.stack_id) if stack is not None else None
            if pending is not None and pending.timeline is None:
                if pending.polls_left > 0:
                    pending.polls_left -= 1
                else:
                    self.complete(pending)
            return old(backend, name_or_stack_id)

    # ------------------------------------------------------------------ AWS's pace (stack_pace.py, docs/pace.md)
    def begin_pace(self, stack, operation, depends, existing=()):
        """Under pace, the operation's events are collected into a StackTimeline from here on. A nested stack's
        operation (moto runs it while its parent works on an AWS::CloudFormation::Stack resource) is the parent's
        child: the parent's resource lasts as long as the child's critical path."""
        self.open = [t for t in self.open if not t.sealed and t.stack_id != stack.stack_id]
        if self.settings.pace <= 0:
            return None
        parent = next((t for t in reversed(self.open) if t.current() is not None
                       and t.current()[1] == 'AWS::CloudFormation::Stack' and t.current()[2].endswith('_IN_PROGRESS')),
                      None)
        timeline = StackTimeline(stack, operation, depends, existing, self.settings.pace,
                                 nested_in=(parent, parent.current()[0]) if parent is not None else None)
        if parent is not None:
            parent.adopt(parent.current()[0], timeline)
        self.open.append(timeline)
        return timeline

    def open_timeline(self, stack):
        """The timeline collecting this stack's events now, if its operation runs under pace."""
        return next((t for t in reversed(self.open) if t.stack_id == stack.stack_id and not t.sealed), None)

    def paced(self, stack):
        """The timeline of the stack's operation still running under pace, or None."""
        pending = self.pending.get(stack.stack_id)
        return pending.timeline if pending is not None else None

    def seal_pace(self, stack, final):
        """The operation's work is done: its events get their times, the pace log its record, and its nested
        stacks' operations and ECS rollouts move to where its model starts them. None when it was not paced."""
        timeline = self.open_timeline(stack)
        if timeline is None:
            return None
        timeline.seal(self.pace_seconds)
        self.open.remove(timeline)
        self.settings.pace_log.add_stack(timeline.make_record(final))
        self.place_children(timeline)
        self.place_services(stack, timeline)
        return timeline

    @staticmethod
    def pace_seconds(timeline, phase_index, lid, resource_type, action):
        """A resource's unscaled duration: the table's, or for a nested stack its own operations in that phase."""
        if resource_type == 'AWS::CloudFormation::Stack':
            children = [c for index, c in timeline.children.get(lid, ()) if index == phase_index and c.sealed]
            if children:
                return sum(child.total for child in children)
        return pace.resource_seconds(resource_type, action)

    @staticmethod
    def place_children(timeline):
        """Each nested stack's operation starts where the parent's model starts its resource (several in one phase,
        as moto's replacement of a nested stack is, one after another)."""
        for lid, children in timeline.children.items():
            previous_index, previous = None, None
            for index, child in children:
                start = previous.ended_at if index == previous_index else timeline.at(timeline.start_of(index, lid))
                child.shift(start - child.started)
                previous_index, previous = index, child

    def place_services(self, stack, timeline):
        """ECS services the operation made or changed: their rollouts start where the stack's model starts the
        AWS::ECS::Service, so that the service is stable when its resource completes."""
        made = stack.resource_map._parsed_resources
        for index, phase in enumerate(timeline.phases):
            for lid, action in phase.actions.items():
                arn = getattr(made.get(lid), 'arn', None)
                if phase.types.get(lid) == 'AWS::ECS::Service' and action != 'DELETE' and arn:
                    timeline.spans += self.settings.pace_log.shift_deployments(
                        arn, since=timeline.started, start=timeline.at(timeline.start_of(index, lid)))

    def refresh(self):
        """Under pace: operations whose modelled end has passed end now (final status and event); the others show
        the status of the phase under way. Operations that count polls are left alone."""
        now = time.time()
        for pending in list(self.pending.values()):
            if pending.timeline is None:
                continue
            if now >= pending.timeline.ended_at:
                self.complete(pending)
            else:
                pending.stack.status, pending.stack.status_reason = pending.timeline.status_at(now)

    def refreshing(self, old, backend, *args, **kwargs):
        """A stack read (DescribeStackResources, ListStackResources, ListStacks, ...) sees operations as of now."""
        with self.lock:
            self.refresh()
            return old(backend, *args, **kwargs)

    def describe_stack_events(self, old, backend, stack_name):
        """DescribeStackEvents: under pace only the events that have happened by now, in the order they happen."""
        with self.lock:
            self.refresh()
            events = old(backend, stack_name)
            if not any(hasattr(event, '_berth_at') for event in events):
                return events
            now = time.time()
            return sorted((e for e in events if StackTimeline.visible(e, now)), key=lambda event: event.timestamp)

    def resource_dto(self, old, dto, stack, resource):
        """DescribeStackResource(s) under pace, while an operation runs: each resource's own status by now (moto
        gave every resource the stack's status)."""
        old(dto, stack, resource)
        with self.lock:
            timeline = self.paced(stack)
            status = timeline.resource_status(dto.logical_resource_id, time.time()) if timeline else None
        if status:
            dto.resource_status = status

    def list_stack_resources_response(self, old, response):
        """ListStackResources under pace, while an operation runs: each resource's own status by now (moto wrote
        CREATE_COMPLETE for all)."""
        result = old(response)
        with self.lock:
            stack = self.any_stack(response.cloudformation_backend, response._get_param('StackName'))
            timeline = self.paced(stack) if stack is not None else None
            if timeline is not None:
                now = time.time()
                for summary in result.result.get('StackResourceSummaries', []):
                    summary['ResourceStatus'] = timeline.resource_status(summary['LogicalResourceId'], now) \
                        or summary['ResourceStatus']
        return result

    # ------------------------------------------------------------------ template validation
    def lint(self, backend, body):
        """AWS rejects a template that fails validation at once: 400 ValidationError 'Template format error: ...'."""
        if not self.settings.cfn_lint or not isinstance(body, str):
            return
        errors = self.linter.errors(body, backend.region_name, self.settings.cfn_lint_ignore)
        if errors:
            more = f' (and {len(errors) - 5} more)' if len(errors) > 5 else ''
            raise self.validation_error('Template format error: ' + '; '.join(errors[:5]) + more)

    # ------------------------------------------------------------------ resources
    def stack_resources(self, stack):
        """A stack's resources as ListStackResources shows them: only those it made (moto listed a blank row for
        each resource whose Condition is false, and created missing ones while listing); under pace, while an
        operation runs, those it has started by now and those whose deletion does not show yet."""
        resource_map = stack.resource_map
        made = resource_map._parsed_resources
        listed = [made[lid] for lid in present(resource_map, resource_map._resource_json_map)
                  if made.get(lid) is not None and not isinstance(made[lid], (str, int, float, list, dict))]
        timeline = self.paced(stack)
        return listed if timeline is None else timeline.visible_resources(listed, time.time())

    def outputs(self, moto_outputs, stack):
        """A stack being created has no Outputs yet: DescribeStacks shows them once it is CREATE_COMPLETE."""
        pending = self.pending.get(stack.stack_id)
        if pending is not None and pending.shown == 'CREATE_IN_PROGRESS':
            return None
        return moto_outputs(stack)

    @staticmethod
    def parameter_list(moto_parameter_list, stack):
        """DescribeStacks shows a list parameter as it was given, `subnet-a,subnet-b`; moto showed the Python list's
        repr (`['subnet-a', 'subnet-b']`), so a stack never looked unchanged to a client comparing its parameters."""
        return [dict(p, ParameterValue=normalized(p['ParameterValue'])) for p in moto_parameter_list(stack)]

    def progress_events(self, stack, lid, resource_type, status, source):
        """What a resource reports while it is being made, as further *_IN_PROGRESS events with a reason: a
        certificate's `Content of DNS Record is: {...}`. `source` is the made resource or the error that failed it;
        either may carry `cfn_progress` (reasons)."""
        for reason in getattr(source, 'cfn_progress', None) or ():
            self.resource_event(stack, lid, resource_type, status, reason,
                                getattr(source, 'physical_resource_id', None))

    def delete_moto_resource(self, old, resource_map, parsed_resource, resource_json):
        """CloudFormation deregisters a task definition revision it deletes or replaces (moto kept it ACTIVE), and
        deletes the route tables, routes, associations and internet gateways moto had no delete for."""
        account, region, resource_type = resource_map._account_id, resource_map._region_name, resource_json.get('Type')
        if resource_type == 'AWS::ECS::TaskDefinition' and getattr(parsed_resource, 'arn', None):
            self.ecs_backends[account][region].deregister_task_definition(task_definition_str=parsed_resource.arn)
            return None
        if resource_type in EC2_DELETERS:
            return EC2_DELETERS[resource_type](self.ec2_backends[account][region], parsed_resource)
        return old(resource_map, parsed_resource, resource_json)

    def delete_resources(self, stack, resource_map, items):
        """Deletes (logical id, type, template json, physical id) items in order, with DELETE_IN_PROGRESS and
        DELETE_COMPLETE events. One that moto refuses (a dependency still there) is tried again after the others,
        and reported DELETE_FAILED if it still fails. Returns the logical ids that failed."""
        waiting, errors = [], {}
        for attempt in range(len(items) + 1):
            progress = False
            for item in (items if attempt == 0 else list(waiting)):
                lid, resource_type, resource_json, physical = item
                if attempt == 0:
                    self.resource_event(stack, lid, resource_type, 'DELETE_IN_PROGRESS', None, physical)
                resource = resource_map._parsed_resources.get(lid)
                try:
                    if resource is not None and not isinstance(resource, str):
                        resource_map._delete_resource(resource, resource_json)
                except Exception as e:  # noqa: BLE001 - tried again after the others; DELETE_FAILED if it stays
                    errors[lid] = e
                    if attempt == 0:
                        waiting.append(item)
                    continue
                self.forget_resource(stack, resource_map, lid)
                if attempt:
                    waiting.remove(item)
                progress = True
                self.resource_event(stack, lid, resource_type, 'DELETE_COMPLETE', None, physical)
            if not waiting or (attempt and not progress):
                break
        for lid, resource_type, _, physical in waiting:
            self.resource_event(stack, lid, resource_type, 'DELETE_FAILED', failure_reason(errors[lid]), physical)
        return [item[0] for item in waiting]

    def skip_retained(self, stack, resource_map, lid, resource_type, physical):
        """DeletionPolicy / UpdateReplacePolicy Retain: the resource stays in its service, the stack forgets it."""
        self.resource_event(stack, lid, resource_type, 'DELETE_SKIPPED', None, physical)
        self.forget_resource(stack, resource_map, lid)

    def forget_resource(self, stack, resource_map, lid):
        """The stack no longer holds the resource; under pace it stays listed until its deletion shows."""
        resource = resource_map._parsed_resources.pop(lid, None)
        timeline = self.open_timeline(stack)
        if timeline is not None and resource is not None and not isinstance(resource, (str, int, float, list, dict)):
            timeline.removed[lid] = resource

    def empty(self, stack):
        """A rolled-back or deleted stack has no resources and no outputs; nothing is created through it later."""
        resource_map = stack.resource_map
        for lid in list(resource_map._resource_json_map):
            resource_map._parsed_resources.pop(lid, None)
        resource_map._resource_json_map = {}
        stack.output_map = self.parsing.OutputMap(resource_map, {}, stack.stack_id)

    # ------------------------------------------------------------------ exports
    def exports_of(self, stack, template, resource_map, names_only=False):
        """The exports a template's Outputs declare (those whose Condition holds), resolved on `resource_map`."""
        clean, out = self.parsing.clean_json, []
        for output in (template.get('Outputs') or {}).values():
            export = output.get('Export') if isinstance(output, dict) else None
            if not export:
                continue
            condition = output.get('Condition')
            if condition and not resource_map.lazy_condition_map[condition]:
                continue
            name = clean(copy.deepcopy(export.get('Name')), resource_map)
            out.append(name if names_only else self.parsing.Export(
                stack.stack_id, name, clean(copy.deepcopy(output.get('Value')), resource_map)))
        return out

    def check_export_names(self, backend, stack, template, resource_map):
        """Export names are unique in a region: another stack's export of the same name stops the operation."""
        for name in self.exports_of(stack, template, resource_map, names_only=True):
            owner = backend.exports.get(name)
            if owner is not None and owner.exporting_stack_id != stack.stack_id:
                other = backend.stacks.get(owner.exporting_stack_id)
                raise self.validation_error(f'Export with name {name} is already exported by stack '
                                            f'{other.name if other else owner.exporting_stack_id}')

    @staticmethod
    def drop_exports(backend, stack):
        """The stack's exports leave the region's list (list_exports)."""
        for name in [n for n, e in backend.exports.items() if e.exporting_stack_id == stack.stack_id]:
            del backend.exports[name]

    def register_exports(self, backend, stack):
        """The stack's exports, as its Outputs now resolve, become the region's (list_exports, Fn::ImportValue)."""
        self.drop_exports(backend, stack)
        for export in self.exports_of(stack, stack.template_dict, stack.resource_map):
            backend.exports[export.name] = export

    # ------------------------------------------------------------------ create
    def create_stack(self, _old, backend, name, template, parameters, **options):
        """CreateStack: the template is validated, a live stack of that name refused (AlreadyExistsException),
        parameters checked, then the resources are created (see run_create)."""
        self.lint(backend, template)
        with self.lock:
            self.refresh()
            if self.live_stack(backend, name) is not None:
                raise self.exceptions.AlreadyExistsException(f'Stack [{name}] already exists')
            stack = self.models.Stack(
                stack_id=self.utils.generate_stack_id(name, backend.region_name, backend.account_id), name=name,
                template=template, parameters=parameters, account_id=backend.account_id,
                region_name=backend.region_name, cross_stack_resources=backend.exports, **options)
            stack.status_reason = None
            self.check_export_names(backend, stack, stack.template_dict, stack.resource_map)
            backend.stacks[stack.stack_id] = stack
            self.run_create(backend, stack)
            return stack

    def run_create(self, backend, stack, change_set=None):
        """Creates the stack's resources one by one in dependency order, each with CREATE_IN_PROGRESS, 'Resource
        creation Initiated' and CREATE_COMPLETE events. A resource that fails (the fail-next switch, or moto
        refusing it) rolls the stack back. Returns whether the stack was created."""
        resources = stack.template_dict.get('Resources') or {}
        self.begin_pace(stack, 'CREATE', dependency_map(resources))
        self.stack_status(stack, 'CREATE_IN_PROGRESS', 'User Initiated')
        resource_map = stack.resource_map
        order = [lid for lid in dependency_order(resources) if lid in present(resource_map, resources)]
        failure = self.take_failure(stack, order)
        for lid in order:
            resource_type = resources[lid].get('Type')
            self.resource_event(stack, lid, resource_type, 'CREATE_IN_PROGRESS')
            if failure and failure['logicalId'] == lid:
                return self.roll_back_create(backend, stack, order, lid, failure['reason'], change_set)
            try:
                resource_map[lid]
            except Exception as e:  # noqa: BLE001 - on AWS a resource the service refuses fails the stack
                self.progress_events(stack, lid, resource_type, 'CREATE_IN_PROGRESS', e)
                return self.roll_back_create(backend, stack, order, lid, failure_reason(e), change_set)
            physical = physical_id(resource_map, lid)
            self.resource_event(stack, lid, resource_type, 'CREATE_IN_PROGRESS', 'Resource creation Initiated', physical)
            self.progress_events(stack, lid, resource_type, 'CREATE_IN_PROGRESS',
                                 resource_map._parsed_resources.get(lid))
            self.resource_event(stack, lid, resource_type, 'CREATE_COMPLETE', None, physical)
        ready = resource_map.create(stack.template_dict)  # tags EC2 resources as moto does; False: a custom resource
        stack.description = stack.template_dict.get('Description')
        self.register_exports(backend, stack)
        if ready:  # otherwise moto's verify_readiness completes the stack when the custom resource answers
            self.finish(stack, 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE', change_set=change_set,
                        execution='EXECUTE_COMPLETE')
        return True

    def roll_back_create(self, backend, stack, order, failed, reason, change_set):
        """A resource failed to create: CREATE_FAILED with the reason, ROLLBACK_IN_PROGRESS ('The following
        resource(s) failed to create: [ID]. Rollback requested by user.'), what was made deleted newest first,
        and the stack ends ROLLBACK_COMPLETE without resources, outputs or exports. Returns False."""
        resources, resource_map = stack.template_dict.get('Resources') or {}, stack.resource_map
        failed_type = resources[failed].get('Type')
        self.resource_event(stack, failed, failed_type, 'CREATE_FAILED', reason)
        why = f'The following resource(s) failed to create: [{failed}]. Rollback requested by user.'
        self.stack_status(stack, 'ROLLBACK_IN_PROGRESS', why)
        made = [lid for lid in order if lid != failed and lid in resource_map._parsed_resources]
        items = []
        for lid in reversed(made):
            physical = physical_id(resource_map, lid)
            if resources[lid].get('DeletionPolicy') == 'Retain':  # RetainExceptOnCreate is deleted on rollback
                self.skip_retained(stack, resource_map, lid, resources[lid].get('Type'), physical)
            else:
                items.append((lid, resources[lid].get('Type'), resources[lid], physical))
        self.delete_resources(stack, resource_map, items)
        if failed in resource_map._parsed_resources:  # moto made part of it: nothing of it may stay
            self.delete_resources(stack, resource_map, [(failed, failed_type, resources[failed], None)])
        else:
            self.resource_event(stack, failed, failed_type, 'DELETE_COMPLETE')
        self.drop_exports(backend, stack)
        self.empty(stack)
        self.finish(stack, 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_COMPLETE', why, change_set=change_set,
                    execution='EXECUTE_FAILED')
        return False

    # ------------------------------------------------------------------ delete
    def delete_stack(self, _old, backend, name_or_stack_id):
        """DeleteStack: a stack that is gone (or going) is fine; one in another operation is refused, except a
        create, which ends first. Resources are deleted newest first, with events, unless DeletionPolicy retains
        them; the stack shows DELETE_IN_PROGRESS, then leaves the list (still found by id, DELETE_COMPLETE)."""
        with self.lock:
            self.refresh()
            stack = self.live_stack(backend, name_or_stack_id)
            if stack is None or stack.status == 'DELETE_IN_PROGRESS':
                return
            pending = self.pending.get(stack.stack_id)
            if pending is not None and (pending.shown == 'CREATE_IN_PROGRESS' or (
                    pending.timeline is not None and stack.status == 'CREATE_IN_PROGRESS')):
                if pending.timeline is not None:  # what the create had still to do happens now
                    pending.timeline.cut(time.time())
                self.complete(pending)
            elif stack.status.endswith('_IN_PROGRESS') and stack.status not in DELETABLE_IN_PROGRESS:
                raise self.validation_error(
                    f'Stack [{stack.stack_id}] cannot be deleted while in status {stack.status}')
            self.run_delete(backend, stack)

    def run_delete(self, backend, stack):
        """DELETE_IN_PROGRESS; exports and change sets go; resources deleted in reverse dependency order."""
        review = stack.status == 'REVIEW_IN_PROGRESS'
        json_map = stack.resource_map._resource_json_map
        self.begin_pace(stack, 'DELETE', dependency_map(json_map), present(stack.resource_map, json_map))
        self.stack_status(stack, 'DELETE_IN_PROGRESS', 'User Initiated')
        self.drop_exports(backend, stack)
        for cs_id in [i for i, cs in backend.change_sets.items() if cs.stack_id == stack.stack_id]:
            del backend.change_sets[cs_id]
        resource_map = stack.resource_map
        resources = resource_map._resource_json_map
        items = []
        for lid in reversed([x for x in dependency_order(resources) if x in present(resource_map, resources)]):
            physical = physical_id(resource_map, lid)
            if resources[lid].get('DeletionPolicy') in RETAINING_POLICIES:
                self.skip_retained(stack, resource_map, lid, resources[lid].get('Type'), physical)
            else:
                items.append((lid, resources[lid].get('Type'), resources[lid], physical))
        failed = self.delete_resources(stack, resource_map, items)
        if failed:
            why = f'The following resource(s) failed to delete: [{", ".join(failed)}]. '
            self.finish(stack, 'DELETE_IN_PROGRESS', 'DELETE_FAILED', why)
            return
        self.empty(stack)

        def gone():
            backend.stacks.pop(stack.stack_id, None)
            backend.deleted_stacks[stack.stack_id] = stack
            stack.deletion_time = self.utcnow()
        # A REVIEW_IN_PROGRESS stack has nothing to delete: it is gone at once.
        self.finish(stack, 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE', then=gone, at_once=review)

    # ------------------------------------------------------------------ update: what changes
    def propose(self, backend, stack, body, parameters, tags):
        """Parses the new template and resolves its parameters (defaults applied) without creating anything;
        a missing parameter or a template without Resources is a ValidationError here."""
        template = self.models.Stack.parse_template(body)
        resource_map = self.parsing.ResourceMap(
            stack.stack_id, stack.name, parameters, tags if tags is not None else stack.tags,
            region_name=stack.region_name, account_id=stack.account_id, template=template,
            cross_stack_resources=backend.exports)
        resource_map.load()
        return Proposal(body, template, resource_map, parameters, tags)

    def update_parameters(self, stack, incoming):
        """UpdateStack's Parameters: a value, or UsePreviousValue (the value in use); absent ones get defaults."""
        values, previous = {}, normalized_parameters(stack.stack_parameters)
        for parameter in incoming or []:
            key = parameter['ParameterKey']
            if parameter.get('UsePreviousValue') in (True, 'true'):
                if key not in previous:
                    raise self.validation_error(
                        f'Invalid input for parameter key {key}. Cannot specify usePreviousValue as true for a '
                        'parameter key not in the previous template')
                values[key] = previous[key]
            elif 'ParameterValue' in parameter:
                values[key] = parameter['ParameterValue']
        return values

    def unchanged(self, stack, proposal):
        """No change: the template is the stack's once parsed, the resolved parameter values are equal (as text),
        and the tags are absent or equal."""
        current = self.models.Stack.parse_template(stack.template) if isinstance(stack.template, str) \
            else stack.template_dict
        return (current == proposal.template
                and normalized_parameters(stack.resource_map.resolved_parameters)
                == normalized_parameters(proposal.resource_map.resolved_parameters)
                and (proposal.tags is None or proposal.tags == (stack.tags or {})))

    def plan(self, stack, proposal):
        """The changes in the order CloudFormation applies them: Add and Modify in the new template's dependency
        order, then Remove in reverse dependency order of the old one. Resources whose Condition is false are not
        there. Changing a resource's Type is a ValidationError."""
        old_map, new_map = stack.resource_map, proposal.resource_map
        old_res = (stack.template_dict or {}).get('Resources') or {}
        new_res = proposal.template.get('Resources') or {}
        old_ids, new_ids = present(old_map, old_res), present(new_map, new_res)
        retyped = sorted(lid for lid in set(old_ids) & set(new_ids) if old_res[lid].get('Type') != new_res[lid].get('Type'))
        if retyped:
            raise self.validation_error(
                'Update of resource type is not permitted. The new template modifies resource type of the following '
                f'resources: [{", ".join(retyped)}]')
        old_p = normalized_parameters(old_map.resolved_parameters)
        new_p = normalized_parameters(new_map.resolved_parameters)
        causes = {'parameters': {k for k in set(old_p) | set(new_p) if old_p.get(k) != new_p.get(k)},
                  'replaced': set()}
        old_c, new_c = condition_values(old_map, stack.template_dict or {}), condition_values(new_map, proposal.template)
        causes['conditions'] = {k for k in new_c if old_c.get(k) != new_c[k]}
        changes = []
        for lid in dependency_order(new_res):
            if lid not in new_ids:
                continue
            if lid not in old_ids:
                changes.append(Change('Add', lid, new_res[lid].get('Type'), new=new_res[lid]))
                continue
            change = self.modification(lid, old_res[lid], new_res[lid], physical_id(old_map, lid), causes)
            if change is not None:
                changes.append(change)
                if change.replaces:
                    causes['replaced'].add(lid)
        for lid in reversed(dependency_order(old_res)):
            if lid in old_ids and lid not in new_ids:
                retained = old_res[lid].get('DeletionPolicy') in RETAINING_POLICIES
                changes.append(Change('Remove', lid, old_res[lid].get('Type'), old=old_res[lid],
                                      physical_id=physical_id(old_map, lid),
                                      policy_action='Retain' if retained else 'Delete'))
        return changes

    def modification(self, lid, old, new, physical, causes):
        """The Modify entry of a resource in both templates, or None when nothing of it changes. Each changed
        property is a detail: DirectModification (its text changed), ParameterReference (a parameter or condition
        it uses changed) or ResourceReference (it refers to a resource being replaced); a createOnlyProperties
        property requires recreation."""
        resource_type, details, scope = new.get('Type'), [], set()
        if old.get('Metadata') != new.get('Metadata'):
            details.append(detail('Metadata', None, 'Never', 'Static', 'DirectModification'))
            scope.add('Metadata')
        old_props, new_props = old.get('Properties') or {}, new.get('Properties') or {}
        create_only = self.create_only(resource_type)
        for key in sorted(set(old_props) | set(new_props)):
            attribute = 'Tags' if key == 'Tags' else 'Properties'
            found = self.property_details(key, attribute, old_props.get(key), new_props.get(key),
                                          key in create_only, causes)
            if found:
                details += found
                scope.add(attribute)
        if not details:
            return None
        replacement = replacement_of(details)
        policy = None
        if replacement != 'False':
            policy = 'ReplaceAndRetain' if new.get('UpdateReplacePolicy') in RETAINING_POLICIES else \
                'ReplaceAndSnapshot' if new.get('UpdateReplacePolicy') == 'Snapshot' else 'ReplaceAndDelete'
        return Change('Modify', lid, resource_type, old=old, new=new, physical_id=physical, replacement=replacement,
                      scope=sorted(scope), details=details, policy_action=policy)

    @staticmethod
    def property_details(key, attribute, before, after, create_only, causes):
        """The details one property contributes to a Modify entry (none when it does not change)."""
        recreation = 'Always' if create_only else 'Never'
        if before != after:
            return [detail(attribute, key, recreation, 'Static', 'DirectModification')]
        used = references(after)
        found = [detail(attribute, key, recreation, 'Static', 'ParameterReference', name)
                 for name in sorted(used & causes['parameters'])]
        found += [detail(attribute, key, recreation, 'Static', 'ParameterReference', name)
                  for name in sorted(conditions_in(after) & causes['conditions'])]
        found += [detail(attribute, key, 'Conditionally' if create_only else 'Never', 'Dynamic', 'ResourceReference',
                         name) for name in sorted(used & causes['replaced'])]
        return found

    def custom_name_conflict(self, stack, changes):
        """AWS cannot replace a resource whose custom name stays the same (the new one would need the old one's
        name): the update fails at that resource with AWS's reason. A task definition is the exception: its
        replacement is a new revision of the same family."""
        for change in changes:
            if not change.replaces or change.resource_type == 'AWS::ECS::TaskDefinition':
                continue
            name_property = self.parsing.resource_name_property_from_type(change.resource_type)
            value = (change.new.get('Properties') or {}).get(name_property) if name_property else None
            if value is None or name_property in {d['Target'].get('Name') for d in change.details}:
                continue
            try:
                shown = self.parsing.clean_json(copy.deepcopy(value), stack.resource_map)
            except Exception:  # noqa: BLE001 - fall back to the live resource's id
                shown = None
            if not isinstance(shown, str):
                shown = change.physical_id or change.logical_id
            return {'logicalId': change.logical_id,
                    'reason': 'CloudFormation cannot update a stack when a custom-named resource requires replacing. '
                              f'Rename {shown} and update the stack again.'}
        return None

    # ------------------------------------------------------------------ update: applying it
    def update_stack(self, _old, backend, name, template, role_arn, parameters, tags):
        """UpdateStack: validated template, an updatable stack, 'No updates are to be performed.' when nothing
        differs, then the update (see run_update)."""
        if not isinstance(template, str):
            raise self.validation_error('Either Template URL or Template Body must be specified.')
        self.lint(backend, template)
        with self.lock:
            self.refresh()
            stack = backend.get_stack(name)
            self.check_updatable(stack)
            proposal = self.propose(backend, stack, template, self.update_parameters(stack, parameters), tags)
            if self.unchanged(stack, proposal):
                raise self.validation_error('No updates are to be performed.')
            self.run_update(backend, stack, proposal, role_arn)
            for change_set in backend.change_sets.values():  # they describe a stack that is no longer there
                if change_set.stack_id == stack.stack_id and change_set.execution_status == 'AVAILABLE':
                    change_set.execution_status = 'OBSOLETE'
            return stack

    def run_update(self, backend, stack, proposal, role_arn=None, change_set=None):
        """Applies a proposal as CloudFormation updates a stack: new and changed resources in dependency order
        (replacements created first), outputs and exports recomputed, then cleanup deletes replaced and removed
        resources. A failure rolls back (see roll_back_update). Returns whether the update completed."""
        changes = self.plan(stack, proposal)
        self.carry_over(stack, proposal, changes)
        self.check_export_names(backend, stack, proposal.template, proposal.resource_map)
        touched = [c.logical_id for c in changes if c.action != 'Remove']
        failure = self.take_failure(stack, touched) or self.custom_name_conflict(stack, changes)
        stack.last_updated_time = self.utcnow()
        old_resources = (stack.template_dict or {}).get('Resources') or {}
        self.begin_pace(stack, 'UPDATE', dependency_map(old_resources, proposal.template.get('Resources') or {}),
                        present(stack.resource_map, old_resources))
        self.stack_status(stack, 'UPDATE_IN_PROGRESS', 'User Initiated')
        done, made = [], []
        for change in changes:
            if change.action == 'Remove':
                continue
            self.resource_event(stack, change.logical_id, change.resource_type, f'{change.verb}_IN_PROGRESS', None,
                                change.physical_id)
            if failure and failure['logicalId'] == change.logical_id:
                return self.roll_back_update(stack, proposal, done, made, change, failure['reason'], change_set)
            if not failure:  # a failure known beforehand rolls back before anything is applied
                try:
                    self.apply_change(stack, proposal, change, made)
                except Exception as e:  # noqa: BLE001 - on AWS a resource the service refuses fails the update
                    self.progress_events(stack, change.logical_id, change.resource_type,
                                         f'{change.verb}_IN_PROGRESS', e)
                    return self.roll_back_update(stack, proposal, done, made, change, failure_reason(e), change_set)
            physical = physical_id(proposal.resource_map, change.logical_id) if not failure else change.physical_id
            self.resource_event(stack, change.logical_id, change.resource_type, f'{change.verb}_COMPLETE', None,
                                physical)
            done.append(change)
        old_map = stack.resource_map
        self.commit(backend, stack, proposal, role_arn)
        self.stack_status(stack, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')
        self.clean_up(stack, old_map, changes)
        self.finish(stack, 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE', change_set=change_set, execution='EXECUTE_COMPLETE')
        return True

    def carry_over(self, stack, proposal, changes):
        """Resources that stay (unchanged or changed in place) keep their identity in the new resource map, so that
        references to them resolve to the live resource rather than making a new one."""
        old_made, new_made = stack.resource_map._parsed_resources, proposal.resource_map._parsed_resources
        replaced = {c.logical_id for c in changes if c.replaces}
        new_res = proposal.template.get('Resources') or {}
        for lid in present(proposal.resource_map, new_res):
            if lid in old_made and lid not in replaced and lid in ((stack.template_dict or {}).get('Resources') or {}):
                new_made[lid] = old_made[lid]

    def apply_change(self, stack, proposal, change, made):
        """One Add or Modify, really done in moto: a new resource, a replacement (with its own event), or an
        in-place update."""
        resource_map = proposal.resource_map
        if change.action == 'Add':
            resource_map[change.logical_id]
            made.append(change)
            self.resource_event(stack, change.logical_id, change.resource_type, 'CREATE_IN_PROGRESS',
                                'Resource creation Initiated', physical_id(resource_map, change.logical_id))
            self.progress_events(stack, change.logical_id, change.resource_type, 'CREATE_IN_PROGRESS',
                                 resource_map._parsed_resources.get(change.logical_id))
        elif change.replaces:
            self.resource_event(stack, change.logical_id, change.resource_type, 'UPDATE_IN_PROGRESS', REPLACING,
                                change.physical_id)
            resource_map._parsed_resources.pop(change.logical_id, None)
            resource_map[change.logical_id]
            made.append(change)
            self.progress_events(stack, change.logical_id, change.resource_type, 'UPDATE_IN_PROGRESS',
                                 resource_map._parsed_resources.get(change.logical_id))
        else:
            self.update_in_place(stack, resource_map, change)

    def update_in_place(self, stack, resource_map, change):
        """moto's update_from_cloudformation_json where the type has one (keeping a generated name, as an in-place
        update keeps the resource); a LogGroup's RetentionInDays is applied directly; other types keep the
        resource as it is."""
        lid, parsing = change.logical_id, self.parsing
        old = stack.resource_map._parsed_resources.get(lid)
        if old is None:  # the resource was never made (a type moto lacks): make it now if it can
            resource_map[lid]
            return
        resource_map._parsed_resources[lid] = old
        parsed = parsing.parse_resource_and_generate_name(lid, copy.deepcopy(change.new), resource_map)
        if parsed is None:
            return
        resource_class, resource_json, name = parsed
        name_property = parsing.resource_name_property_from_type(change.resource_type)
        if not (name_property and name_property in (resource_json.get('Properties') or {})):
            name = getattr(old, 'name', None) or name
        if not hasattr(resource_class.update_from_cloudformation_json, '__isabstractmethod__'):
            updated = resource_class.update_from_cloudformation_json(
                original_resource=old, new_resource_name=name, cloudformation_json=resource_json,
                account_id=resource_map._account_id, region_name=resource_map._region_name)
            if updated is not None:
                updated.cf_resource_type, updated.logical_resource_id = change.resource_type, lid
                resource_map._parsed_resources[lid] = updated
        elif change.resource_type == 'AWS::Logs::LogGroup':
            logs = self.logs_backends[resource_map._account_id][resource_map._region_name]
            retention = (resource_json.get('Properties') or {}).get('RetentionInDays')
            if retention:
                logs.put_retention_policy(log_group_name=old.name, retention_in_days=int(retention))
            else:
                logs.delete_retention_policy(log_group_name=old.name)

    def commit(self, backend, stack, proposal, role_arn):
        """The stack now is the new template: parameters (for UsePreviousValue), tags, outputs and exports."""
        stack.template, stack.template_dict, stack.resource_map = proposal.body, proposal.template, proposal.resource_map
        stack.parameters = proposal.parameters
        stack.description = proposal.template.get('Description')
        if proposal.tags is not None:
            stack.tags = proposal.tags
        if role_arn:
            stack.role_arn = role_arn
        proposal.resource_map.create(proposal.template)  # tags EC2 resources as moto does on create
        stack.output_map = stack._create_output_map()
        self.register_exports(backend, stack)

    def clean_up(self, stack, old_map, changes):
        """UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: replaced originals and removed resources are deleted unless
        UpdateReplacePolicy / DeletionPolicy retains them. A failed deletion is DELETE_FAILED; the update stands."""
        for change in [c for c in changes if c.replaces] + [c for c in changes if c.action == 'Remove']:
            if change.policy_action in ('Retain', 'ReplaceAndRetain'):
                self.skip_retained(stack, old_map, change.logical_id, change.resource_type, change.physical_id)
            else:
                self.delete_resources(stack, old_map, [(change.logical_id, change.resource_type, change.old,
                                                        change.physical_id)])

    def roll_back_update(self, stack, proposal, done, made, failed, reason, change_set):
        """A resource failed during an update: UPDATE_FAILED (CREATE_FAILED if it is new) with the reason,
        UPDATE_ROLLBACK_IN_PROGRESS, the changed resources rolled back, what was made deleted, and the stack ends
        UPDATE_ROLLBACK_COMPLETE with its previous template, parameters, resources and outputs. Returns False."""
        self.resource_event(stack, failed.logical_id, failed.resource_type, f'{failed.verb}_FAILED', reason,
                            failed.physical_id)
        why = f'The following resource(s) failed to {failed.verb.lower()}: [{failed.logical_id}]. '
        self.stack_status(stack, 'UPDATE_ROLLBACK_IN_PROGRESS', why)
        for change in reversed(done):
            if change.action == 'Modify':
                self.resource_event(stack, change.logical_id, change.resource_type, 'UPDATE_IN_PROGRESS', None,
                                    change.physical_id)
                self.resource_event(stack, change.logical_id, change.resource_type, 'UPDATE_COMPLETE', None,
                                    change.physical_id)
        self.stack_status(stack, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS')
        new_map, really_made = proposal.resource_map, {c.logical_id for c in made}
        if failed.replaces or failed.action == 'Add':
            really_made.add(failed.logical_id)
        for change in reversed(done + [failed]):
            if change.action == 'Add' or change.replaces:
                lid = change.logical_id
                if lid in really_made and new_map._parsed_resources.get(lid) is not None:
                    self.delete_resources(stack, new_map, [(lid, change.resource_type, change.new,
                                                            physical_id(new_map, lid))])
                else:
                    self.resource_event(stack, lid, change.resource_type, 'DELETE_COMPLETE')
        self.finish(stack, 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE', why, change_set=change_set,
                    execution='EXECUTE_FAILED')
        return False

    # ------------------------------------------------------------------ change sets
    def find_change_set(self, backend, name, stack_name=None):
        """A change set by ARN, or by name within the stack named; ChangeSetNotFound (404) otherwise."""
        if name in backend.change_sets:
            return backend.change_sets[name]
        if not name.startswith('arn:'):
            if not stack_name:
                raise self.validation_error('StackName must be specified if ChangeSetName is not specified as an ARN.')
            stack = self.live_stack(backend, stack_name)
            for change_set in backend.change_sets.values():
                if stack is not None and change_set.stack_id == stack.stack_id and change_set.change_set_name == name:
                    return change_set
        raise self.ChangeSetNotFound(f'ChangeSet [{name}] does not exist')

    def create_change_set(self, _old, backend, stack_name, change_set_name, template, parameters, description,
                          change_set_type, notification_arns=None, tags=None, role_arn=None):
        """CreateChangeSet: validated template; UPDATE needs an updatable stack; CREATE a name that is free or in
        REVIEW_IN_PROGRESS (whose stack it joins). The Changes are what the execution will do; a change set that
        changes nothing is FAILED / UNAVAILABLE with AWS's reason. Nothing is made when the request is refused."""
        self.lint(backend, template)
        with self.lock:
            self.refresh()
            self.utils.validate_create_change_set(change_set_name)
            live = self.live_stack(backend, stack_name)
            if change_set_type == 'UPDATE':
                if live is None:
                    raise self.exceptions.ValidationError(stack_name)
                self.check_updatable(live)
            elif live is not None and live.status != 'REVIEW_IN_PROGRESS':
                raise self.validation_error(f'Stack [{stack_name}] already exists and cannot be created again with '
                                            f'the changeSet [{change_set_name}].')
            if live is not None and any(cs.stack_id == live.stack_id and cs.change_set_name == change_set_name
                                        for cs in backend.change_sets.values()):
                raise self.exceptions.AlreadyExistsException(f'ChangeSet [{change_set_name}] already exists')
            parameters = normalized_parameters(parameters)
            update_tags = (tags or None) if change_set_type == 'UPDATE' else dict(tags or {})
            stack = live or self.models.Stack(
                stack_id=self.utils.generate_stack_id(stack_name, backend.region_name, backend.account_id),
                name=stack_name, template={}, parameters=parameters, account_id=backend.account_id,
                region_name=backend.region_name, notification_arns=notification_arns, tags=tags, role_arn=role_arn)
            proposal = self.propose(backend, stack, template, parameters, update_tags)
            changes = self.plan(stack, proposal)
            change_set = self.models.ChangeSet(
                change_set_type=change_set_type, change_set_id=self.utils.generate_changeset_id(
                    change_set_name, backend.region_name, backend.account_id),
                change_set_name=change_set_name, stack=stack, template=template, parameters=parameters,
                description=description, notification_arns=notification_arns, tags=update_tags, role_arn=role_arn)
            change_set.changes = [c.as_resource_change() for c in changes]
            if change_set_type == 'UPDATE' and self.unchanged(stack, proposal):
                change_set.changes = []
                change_set.status, change_set.execution_status = 'FAILED', 'UNAVAILABLE'
                change_set.status_reason = NO_CHANGES
            else:
                change_set.status, change_set.execution_status, change_set.status_reason = \
                    'CREATE_COMPLETE', 'AVAILABLE', None
            if live is None:
                backend.stacks[stack.stack_id] = stack
                self.stack_status(stack, 'REVIEW_IN_PROGRESS', 'User Initiated')
            backend.change_sets[change_set.change_set_id] = change_set
            return change_set.change_set_id, stack.stack_id

    def execute_change_set(self, _old, backend, change_set_name, stack_name=None):
        """ExecuteChangeSet: only a CREATE_COMPLETE / AVAILABLE change set (InvalidChangeSetStatus otherwise).
        A CREATE change set creates its REVIEW_IN_PROGRESS stack as create_stack would; an UPDATE one updates as
        update_stack would. CloudFormation then deletes the stack's other change sets."""
        with self.lock:
            self.refresh()
            change_set = self.find_change_set(backend, change_set_name, stack_name)
            if change_set.status != 'CREATE_COMPLETE':
                raise self.InvalidChangeSetStatus(f'ChangeSet [{change_set.change_set_id}] cannot be executed in its '
                                                  f'current status of [{change_set.status}]')
            if change_set.execution_status != 'AVAILABLE':
                raise self.InvalidChangeSetStatus(f'ChangeSet [{change_set.change_set_id}] cannot be executed in its '
                                                  f'current execution status of [{change_set.execution_status}]')
            stack = backend.stacks.get(change_set.stack_id)
            if stack is None:
                raise self.exceptions.ValidationError(change_set.stack_name)
            if change_set.change_set_type == 'CREATE':
                self.execute_create(backend, stack, change_set)
            else:
                self.check_updatable(stack)
                proposal = self.propose(backend, stack, change_set.template,
                                        normalized_parameters(change_set.parameters), change_set.tags or None)
                self.run_update(backend, stack, proposal, change_set.role_arn, change_set)
            for other in [i for i, cs in backend.change_sets.items()
                          if cs is not change_set and cs.stack_id == change_set.stack_id]:
                del backend.change_sets[other]

    def execute_create(self, backend, stack, change_set):
        """The REVIEW_IN_PROGRESS stack takes the change set's template, parameters and tags (keeping its StackId),
        then is created as create_stack creates one."""
        stack.template = change_set.template
        stack._parse_template()
        stack.description = stack.template_dict.get('Description')
        stack.parameters = dict(change_set.parameters or {})
        stack.tags = dict(change_set.tags or {})
        stack.role_arn = change_set.role_arn
        stack.cross_stack_resources = backend.exports
        stack.resource_map = stack._create_resource_map()
        stack.output_map = stack._create_output_map()
        self.check_export_names(backend, stack, stack.template_dict, stack.resource_map)
        return self.run_create(backend, stack, change_set)

    def describe_change_set(self, _old, backend, change_set_name):
        """DescribeChangeSet by ARN, or by name with the StackName the request gave."""
        with self.lock:
            self.refresh()
            return self.find_change_set(backend, change_set_name, getattr(self.request, 'stack_name', None))

    def delete_change_set(self, _old, backend, change_set_name):
        """DeleteChangeSet: not while it executes (InvalidChangeSetStatus); an unknown one is ChangeSetNotFound."""
        with self.lock:
            change_set = self.find_change_set(backend, change_set_name, getattr(self.request, 'stack_name', None))
            if change_set.execution_status == 'EXECUTE_IN_PROGRESS':
                raise self.InvalidChangeSetStatus(f'ChangeSet [{change_set.change_set_id}] cannot be deleted in its '
                                                  'current execution status of [EXECUTE_IN_PROGRESS]')
            del backend.change_sets[change_set.change_set_id]

    def list_change_sets(self, old, backend):
        """ListChangeSets lists the change sets of the stack named (moto listed every stack's)."""
        stack_name = getattr(self.request, 'stack_name', None)
        with self.lock:
            if not stack_name:
                return old(backend)
            stack = self.live_stack(backend, stack_name)
            if stack is None:
                raise self.exceptions.ValidationError(stack_name)
            return [cs for cs in backend.change_sets.values() if cs.stack_id == stack.stack_id]
