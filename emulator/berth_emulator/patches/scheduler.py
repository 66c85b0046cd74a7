"""EventBridge Scheduler in stacks (patch 'scheduler'): CloudFormation creates, updates and deletes
AWS::Scheduler::Schedule through moto's Scheduler backend, so GetSchedule and ListSchedules see the stack's schedules;
CreateSchedule and UpdateSchedule check what the Scheduler API checks.

moto alone: CloudFormation had no model for AWS::Scheduler::Schedule: it logged "No Moto CloudFormation support",
made nothing, the stack still ended CREATE_COMPLETE, Ref gave the logical id and Fn::GetAtt Arn nothing. moto's
CreateSchedule took any expression ("every day", a five-field cron), a FLEXIBLE window without its maximum, an unknown
time zone, and answered 500 (KeyError) for a schedule group that does not exist.

With the patch:
  * the type is a CloudFormation model (ScheduleResource); Ref is the schedule's name (Name, else the name
    CloudFormation generates, `<stack>-<logical id>-<12 characters>`, at most 64), Fn::GetAtt Arn its ARN;
  * the properties are checked against the resource type's schema first (the one cfn-lint ships, as CloudFormation
    checks a registry type's properties): a missing required property, a value out of range or not in an enum fails
    the resource with "Properties validation failed for resource ID with message: [...]";
  * then CreateSchedule / UpdateSchedule run with the Scheduler API's own checks (the expression's form, the
    flexible window, the time zone, the group); a refusal fails the resource with CloudFormation's "Resource handler
    returned message: ..." wording, and the stack rolls back as the cloudformation patch does for any failure.
docs/scheduler.md lists each behaviour, the AWS text it follows, and its limits.

Control API:
    GET  /_berth/scheduler/state    every schedule (name, group, ARN, expression, state, target) and every invocation
    POST /_berth/scheduler/invoke   {"name", "group", "region"}: runs the schedule's ECS target now, as Scheduler
                                    would when it fires (RunTask through this emulator)
"""
import copy
import datetime
import inspect
import re
import uuid
import zoneinfo

from moto.core.common_models import CloudFormationModel

from .base import Patch, PatchError, adopt_cloudformation_model, require, wrap

TYPE = 'AWS::Scheduler::Schedule'
NAME = re.compile(r'^[0-9a-zA-Z-_.]+$')
# ScheduleExpression: "rate expression - rate(value unit)" with "a unit with the following options: minute | minutes
# | hour | hours | day | days"; "at expression - at(yyyy-mm-ddThh:mm:ss)"; "A cron expression consists of six fields
# separated by white spaces: (minutes hours day_of_month month day_of_week year)".
RATE = re.compile(r'^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$')
AT = re.compile(r'^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$')
CRON = re.compile(r'^cron\(([^()]*)\)$')
MONTHS = {m: i + 1 for i, m in enumerate('JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC'.split())}
DAYS = {d: i + 1 for i, d in enumerate('SUN MON TUE WED THU FRI SAT'.split())}
# (name, lowest, highest, names, wildcards beyond , - * /) of the six fields ("Cron expressions" table).
CRON_FIELDS = (('minutes', 0, 59, {}, ''), ('hours', 0, 23, {}, ''), ('day-of-month', 1, 31, {}, '?LW'),
               ('month', 1, 12, MONTHS, ''), ('day-of-week', 1, 7, DAYS, '?L#'), ('year', 1970, 2199, {}, ''))
# The Scheduler API's ranges (API reference: RetryPolicy, FlexibleTimeWindow, EcsParameters).
RANGES = ((('Target', 'RetryPolicy', 'MaximumRetryAttempts'), 0, 185),
          (('Target', 'RetryPolicy', 'MaximumEventAgeInSeconds'), 60, 86400),
          (('FlexibleTimeWindow', 'MaximumWindowInMinutes'), 1, 1440),
          (('Target', 'EcsParameters', 'TaskCount'), 1, 10))
# CloudFormation property names -> the Scheduler API's, where they differ (NetworkConfiguration.awsvpcConfiguration,
# the lower-case members of CapacityProviderStrategyItem, PlacementConstraint and PlacementStrategy).
API_NAMES = {'AwsvpcConfiguration': 'awsvpcConfiguration', 'CapacityProvider': 'capacityProvider',
             'Weight': 'weight', 'Base': 'base', 'Type': 'type', 'Expression': 'expression', 'Field': 'field'}
LOWER_CASE_PARENTS = ('CapacityProviderStrategy', 'PlacementConstraints', 'PlacementStrategy', 'NetworkConfiguration')


def _backend(account_id, region_name):
    from moto.scheduler.models import scheduler_backends
    return scheduler_backends[account_id][region_name]


def _validation(message):
    from moto.scheduler.exceptions import ValidationException
    return ValidationException(message)


# =========================================================================== the Scheduler API's checks
def cron_field_ok(text, lowest, highest, names, extra):
    """One field of a cron expression, by the "Cron expressions" table of the EventBridge Scheduler User Guide:
    values, ranges (a-b), lists (,), increments (/), * everywhere, ? in the day fields, L and W in day-of-month,
    L and # in day-of-week."""
    def value(token):
        token = token.upper()
        if token in names:
            return names[token]
        return int(token) if token.isdigit() else None

    def in_range(token):
        number = value(token)
        return number is not None and lowest <= number <= highest

    if text == '?':
        return '?' in extra
    for part in text.split(','):
        base, slash, step = part.partition('/')
        if slash and not (step.isdigit() and int(step) > 0):
            return False
        if base == '*':
            continue
        if 'L' in extra and 'W' in extra and re.fullmatch(r'L|LW|L-\d{1,2}|\d{1,2}W', base.upper()):
            continue   # day-of-month: last day, last weekday, days before the last, nearest weekday
        if '#' in extra and re.fullmatch(r'[1-7]#[1-5]', base):
            continue   # day-of-week: the nth such day of the month
        if 'L' in extra and '#' in extra and re.fullmatch(r'([1-7]|[A-Z]{3})?L', base.upper()):
            continue   # day-of-week: the last such day of the month
        low, dash, high = base.partition('-')
        if not in_range(low) or (dash and not in_range(high)):
            return False
    return True


def expression_ok(expression):
    """rate(value unit), at(yyyy-mm-ddThh:mm:ss) or cron(six fields), as ScheduleExpression describes them."""
    if not isinstance(expression, str):
        return False
    rate = RATE.match(expression)
    if rate:
        return int(rate.group(1)) > 0
    at = AT.match(expression)
    if at:
        try:
            datetime.datetime.strptime(at.group(1), '%Y-%m-%dT%H:%M:%S')
        except ValueError:
            return False
        return True
    cron = CRON.match(expression)
    if not cron:
        return False
    fields = cron.group(1).split()
    if len(fields) != 6:
        return False
    # "You can't specify the Day-of-month and Day-of-week fields in the same cron expression. If you specify a value
    # or a * (asterisk) in one of the fields, you must use a ? (question mark) in the other."
    if (fields[2] == '?') == (fields[4] == '?'):
        return False
    return all(cron_field_ok(text, *spec[1:]) for text, spec in zip(fields, CRON_FIELDS))


def _dig(value, path):
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def api_member(path):
    """target.retryPolicy.maximumRetryAttempts: how AWS's validation messages name a member."""
    return '.'.join(p[:1].lower() + p[1:] for p in path)


def check_schedule(request, groups):
    """What CreateSchedule and UpdateSchedule refuse (ValidationException, 404 for a group): `request` has the API's
    member names (ScheduleExpression, FlexibleTimeWindow, Target, ...)."""
    from moto.scheduler.exceptions import ScheduleGroupNotFound
    problems = []
    for path, lowest, highest in RANGES:
        value = _dig(request, path)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(f"Value '{value}' at '{api_member(path)}' failed to satisfy constraint: Member must be a "
                            'number')
        elif value < lowest:
            problems.append(f"Value '{value}' at '{api_member(path)}' failed to satisfy constraint: Member must have "
                            f'value greater than or equal to {lowest}')
        elif value > highest:
            problems.append(f"Value '{value}' at '{api_member(path)}' failed to satisfy constraint: Member must have "
                            f'value less than or equal to {highest}')
    if problems:
        count = len(problems)
        raise _validation(f'{count} validation error{"s" if count > 1 else ""} detected: ' + '; '.join(problems))
    expression = request.get('ScheduleExpression')
    if not expression_ok(expression):
        raise _validation(f'Invalid Schedule Expression {expression}')
    window = request.get('FlexibleTimeWindow') or {}
    if window.get('Mode') == 'FLEXIBLE' and window.get('MaximumWindowInMinutes') is None:
        # "If you do set the value to FLEXIBLE, you must then specify a maximum window of time during which you
        # schedule will run." (Configuring flexible time windows)
        raise _validation('MaximumWindowInMinutes must be specified when FlexibleTimeWindow Mode is FLEXIBLE.')
    if window.get('Mode') == 'OFF' and window.get('MaximumWindowInMinutes') is not None:
        raise _validation('MaximumWindowInMinutes can only be specified when FlexibleTimeWindow Mode is FLEXIBLE.')
    zone = request.get('ScheduleExpressionTimezone')
    if zone and zone != 'UTC':
        try:
            zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise _validation(f'Invalid time zone: {zone}')
    group = request.get('GroupName') or 'default'
    if group not in groups:
        raise ScheduleGroupNotFound(group)


# =========================================================================== CloudFormation
def coerce(value, schema, definitions):
    """A property value with the types its schema names: CloudFormation hands a Number or Boolean given through a
    parameter (or written as a string) to the handler as that type."""
    if isinstance(schema, dict) and '$ref' in schema:
        schema = definitions.get(schema['$ref'].rsplit('/', 1)[-1], {})
    if not isinstance(schema, dict):
        return value
    kind = schema.get('type')
    if isinstance(value, str) and kind in ('number', 'integer'):
        try:
            number = float(value)
            return int(number) if number == int(number) else number
        except ValueError:
            return value
    if isinstance(value, str) and kind == 'boolean' and value.lower() in ('true', 'false'):
        return value.lower() == 'true'
    if isinstance(value, float) and kind in ('number', 'integer') and value == int(value):
        return int(value)
    if isinstance(value, dict):
        members = schema.get('properties') or {}
        return {k: coerce(v, members.get(k), definitions) for k, v in value.items()}
    if isinstance(value, list):
        return [coerce(v, schema.get('items'), definitions) for v in value]
    return value


def schema_messages(validator, properties):
    """The schema's findings as CloudFormation's property validation words them ("#/Target/RetryPolicy/
    MaximumRetryAttempts: 200 is not less or equal to 185", "#: required key [Target] not found")."""
    types = {'string': 'String', 'number': 'Number', 'integer': 'Integer', 'boolean': 'Boolean', 'object': 'JSONObject',
             'array': 'JSONArray'}

    def found_type(value):
        return {str: 'String', bool: 'Boolean', int: 'Integer', float: 'Number', dict: 'JSONObject',
                list: 'JSONArray'}.get(type(value), type(value).__name__)

    out = []
    for error in sorted(validator.iter_errors(properties), key=lambda e: [str(p) for p in e.absolute_path]):
        where = '#' + ''.join(f'/{p}' for p in error.absolute_path)
        kind, value, wanted = error.validator, error.instance, error.validator_value
        if kind == 'required':
            missing = re.search(r"'([^']+)' is a required property", error.message)
            text = f'required key [{missing.group(1) if missing else wanted}] not found'
        elif kind == 'maximum':
            text = f'{value} is not less or equal to {wanted}'
        elif kind == 'minimum':
            text = f'{value} is not greater or equal to {wanted}'
        elif kind == 'enum':
            text = f'{value} is not a valid enum value'
        elif kind == 'maxLength':
            text = f'expected maxLength: {wanted}, actual: {len(value)}'
        elif kind == 'minLength':
            text = f'expected minLength: {wanted}, actual: {len(value)}'
        elif kind == 'pattern':
            text = 'failed validation constraint for keyword [pattern]'
        elif kind == 'type':
            wanted = wanted if isinstance(wanted, str) else wanted[0]
            text = f'expected type: {types.get(wanted, wanted)}, found: {found_type(value)}'
        elif kind == 'additionalProperties':
            extra = re.findall(r"'([^']+)'", error.message)
            text = f'extraneous key [{extra[0] if extra else "?"}] is not permitted'
        elif kind == 'maxItems':
            text = f'expected maximum item count: {wanted}, found: {len(value)}'
        elif kind == 'minItems':
            text = f'expected minimum item count: {wanted}, found: {len(value)}'
        else:
            text = f'failed validation constraint for keyword [{kind}]'
        out.append(f'{where}: {text}')
    return out


class ResourceFailed(Exception):
    """A reason CloudFormation gives in the resource's *_FAILED event."""
    code = 'ResourceFailed'

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def handler_failure(error):
    """A Scheduler refusal as a Cloud Control handler reports it: 'Resource handler returned message: "MESSAGE
    (Service: Scheduler, Status Code: N, Request ID: ID)" (RequestToken: TOKEN, HandlerErrorCode: CODE)'."""
    status = getattr(error, 'code', 400)
    kind = getattr(error, 'error_type', '') or ''
    code = {'ResourceNotFoundException': 'NotFound', 'ConflictException': 'AlreadyExists'}.get(kind, 'InvalidRequest')
    message = getattr(error, 'message', None) or str(error)
    return ResourceFailed(f'Resource handler returned message: "{message} (Service: Scheduler, Status Code: {status}, '
                          f'Request ID: {uuid.uuid4()})" (RequestToken: {uuid.uuid4()}, HandlerErrorCode: {code})')


def api_shape(value, parent=None):
    """A CloudFormation Target as the Scheduler API spells it."""
    if isinstance(value, dict):
        return {(API_NAMES.get(k, k) if parent in LOWER_CASE_PARENTS else k): api_shape(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [api_shape(v, parent) for v in value]
    return value


def timestamp(value):
    """StartDate / EndDate (ISO 8601 date-time in templates) as the epoch seconds the API carries."""
    if value in (None, ''):
        return None
    if isinstance(value, (int, float)):
        return value
    try:
        moment = datetime.datetime.fromisoformat(str(value).replace('Z', '+00:00'))
    except ValueError:
        raise _validation(f'Invalid date: {value}')
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()


class ScheduleResource(CloudFormationModel):
    """A stack's AWS::Scheduler::Schedule: its name, group and where it lives; the schedule itself is moto's."""
    patch = None   # the SchedulerPatch, which holds the resource type's schema

    def __init__(self, account_id, region_name, name, group, logical_id=None):
        self.account_id, self.region_name, self.name, self.group = account_id, region_name, name, group
        self.logical_id = logical_id

    @property
    def schedule(self):
        return _backend(self.account_id, self.region_name).get_schedule(self.group, self.name)

    @property
    def physical_resource_id(self):
        """Ref: the schedule's name."""
        return self.name

    @property
    def arn(self):
        return self.schedule.arn

    @staticmethod
    def cloudformation_name_type():
        return 'Name'

    @staticmethod
    def cloudformation_type():
        return TYPE

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr == 'Arn'

    def get_cfn_attribute(self, attribute_name):
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
        if attribute_name == 'Arn':
            return self.arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def checked(cls, logical_id, cloudformation_json):
        """The properties, typed and checked against the resource type's schema."""
        patch = cls.patch
        properties = coerce(copy.deepcopy(cloudformation_json.get('Properties') or {}), patch.schema,
                            patch.schema.get('definitions') or {})
        messages = schema_messages(patch.validator, properties)
        if messages:
            raise ResourceFailed(f'Properties validation failed for resource {logical_id} with message: '
                                 f'[{", ".join(messages)}]')
        return properties

    @staticmethod
    def request(properties):
        return dict(description=properties.get('Description'), end_date=timestamp(properties.get('EndDate')),
                    flexible_time_window=api_shape(properties.get('FlexibleTimeWindow')),
                    group_name=properties.get('GroupName'), kms_key_arn=properties.get('KmsKeyArn'),
                    schedule_expression=properties.get('ScheduleExpression'),
                    schedule_expression_timezone=properties.get('ScheduleExpressionTimezone'),
                    start_date=timestamp(properties.get('StartDate')), state=properties.get('State') or 'ENABLED',
                    target=api_shape(properties.get('Target')))

    @staticmethod
    def generated_name(name, properties):
        """CloudFormation's generated name, `<stack>-<logical id>-<suffix>`, shortened to the 64 characters a
        schedule's name may have (the suffix kept)."""
        if properties.get('Name') is not None or len(name) <= 64:
            return name
        head, _, suffix = name.rpartition('-')
        return f'{head[:63 - len(suffix)].rstrip("-")}-{suffix}'

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        logical_id = kwargs.get('LogicalId') or resource_name
        properties = cls.checked(logical_id, cloudformation_json)
        name = cls.generated_name(resource_name, properties)
        request = cls.request(properties)
        try:
            schedule = _backend(account_id, region_name).create_schedule(
                name=name, action_after_completion=None, **request)
        except Exception as e:  # noqa: BLE001 - moto's JsonRESTError: the service refused it
            if not hasattr(e, 'error_type'):
                raise
            raise handler_failure(e)
        return cls(account_id, region_name, name, schedule.group_name, logical_id)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                                        region_name):
        """No interruption: UpdateSchedule with all the new properties ("When you call UpdateSchedule, EventBridge
        Scheduler uses all values, including empty values, specified in the request and overrides the existing
        schedule"). A new Name replaces the schedule (the cloudformation patch does that: Name is create-only); a new
        GroupName moves it (made in the new group, deleted from the old)."""
        properties = cls.checked(original_resource.logical_id or original_resource.name, cloudformation_json)
        request = cls.request(properties)
        backend = _backend(account_id, region_name)
        name = original_resource.name
        try:
            if (request['group_name'] or 'default') != (original_resource.group or 'default'):
                backend.create_schedule(name=name, action_after_completion=None, **request)
                backend.delete_schedule(original_resource.group, name)
            else:
                backend.update_schedule(name=name, **request)
        except Exception as e:  # noqa: BLE001 - moto's JsonRESTError: the service refused it
            if not hasattr(e, 'error_type'):
                raise
            raise handler_failure(e)
        return cls(account_id, region_name, name, request['group_name'] or 'default', original_resource.logical_id)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        group = (cloudformation_json.get('Properties') or {}).get('GroupName')
        cls.remove(account_id, region_name, group, resource_name)

    def delete(self, account_id, region_name):
        self.remove(self.account_id, self.region_name, self.group, self.name)

    @staticmethod
    def remove(account_id, region_name, group, name):
        """DeleteSchedule; a schedule (or group) already gone is fine, as CloudFormation's delete handler takes it."""
        from moto.scheduler.exceptions import ScheduleGroupNotFound, ScheduleNotFound
        try:
            _backend(account_id, region_name).delete_schedule(group, name)
        except (ScheduleNotFound, ScheduleGroupNotFound):
            pass


class SchedulerPatch(Patch):
    name = 'scheduler'
    prefix = 'scheduler'

    def __init__(self, settings):
        super().__init__(settings)
        self.invocations = []

    def install(self):
        from moto.scheduler import exceptions, models
        name = self.name
        require(name, models, 'scheduler_backends', 'EventBridgeSchedulerBackend', 'Schedule')
        require(name, models.EventBridgeSchedulerBackend, 'get_schedule', params=[
            ('create_schedule', ['description', 'end_date', 'flexible_time_window', 'group_name', 'kms_key_arn',
                                 'name', 'schedule_expression', 'schedule_expression_timezone', 'start_date', 'state',
                                 'target', 'action_after_completion']),
            ('update_schedule', ['description', 'end_date', 'flexible_time_window', 'group_name', 'kms_key_arn',
                                 'name', 'schedule_expression', 'schedule_expression_timezone', 'start_date', 'state',
                                 'target']),
            ('delete_schedule', ['group_name', 'name']), ('get_schedule', ['group_name', 'name'])])
        require(name, models.EventBridgeSchedulerBackend('us-east-1', '000000000000'), 'schedule_groups')
        require(name, models.Schedule, 'to_dict', params=[('__init__', ['group_name', 'name', 'target'])])
        require(name, exceptions, 'ValidationException', 'ScheduleNotFound', 'ScheduleGroupNotFound', 'ScheduleExists')
        try:
            import jsonschema
            from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
            self.schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema('us-east-1', TYPE).schema
            self.validator = jsonschema.Draft7Validator(self.schema)
        except Exception as e:  # noqa: BLE001 - cfn-lint (pinned in requirements.txt) ships the schema
            raise PatchError(f'{name}: the {TYPE} schema cannot be loaded from cfn-lint ({e})')
        self.backends = models.scheduler_backends
        ScheduleResource.patch = self
        adopt_cloudformation_model(name, TYPE, ScheduleResource)
        wrap(models.EventBridgeSchedulerBackend, 'create_schedule', self.create_schedule)
        wrap(models.EventBridgeSchedulerBackend, 'update_schedule', self.update_schedule)

    # ------------------------------------------------------------------ the API
    @staticmethod
    def as_request(kwargs):
        return {'ScheduleExpression': kwargs.get('schedule_expression'),
                'ScheduleExpressionTimezone': kwargs.get('schedule_expression_timezone'),
                'FlexibleTimeWindow': kwargs.get('flexible_time_window'), 'Target': kwargs.get('target'),
                'GroupName': kwargs.get('group_name')}

    @staticmethod
    def arguments(old, backend, args, kwargs):
        """The call's arguments by name, however they were passed."""
        bound = inspect.signature(old).bind(backend, *args, **kwargs).arguments
        return {k: v for k, v in bound.items() if k != 'self'}

    def create_schedule(self, old, backend, *args, **kwargs):
        """CreateSchedule: the API's checks (check_schedule) before moto makes it."""
        check_schedule(self.as_request(self.arguments(old, backend, args, kwargs)), backend.schedule_groups)
        return old(backend, *args, **kwargs)

    def update_schedule(self, old, backend, *args, **kwargs):
        """UpdateSchedule: the same checks; a missing schedule is ResourceNotFoundException (moto's)."""
        request = self.arguments(old, backend, args, kwargs)
        backend.get_schedule(request.get('group_name'), request.get('name'))
        check_schedule(self.as_request(request), backend.schedule_groups)
        return old(backend, *args, **kwargs)

    # ------------------------------------------------------------------ control API
    def reset(self):
        with self.lock:
            self.invocations = []

    def schedules(self):
        out = []
        for account, by_region in list(self.backends.items()):
            for region, backend in list(by_region.items()):
                for group in list(backend.schedule_groups.values()):
                    for schedule in list(group.schedules.values()):
                        out.append(dict(schedule.to_dict(), Account=account, Region=region))
        return out

    def state(self):
        with self.lock:
            return {'cloudformationType': TYPE, 'schedules': self.schedules(),
                    'invocations': copy.deepcopy(self.invocations)}

    def control(self, method, action, body):
        if (method, action) == ('GET', 'state'):
            return 200, self.state()
        if (method, action) == ('POST', 'invoke'):
            return self.invoke(body)
        return super().control(method, action, body)

    def find(self, name, group, region):
        for account, by_region in list(self.backends.items()):
            for backend_region, backend in list(by_region.items()):
                if region and backend_region != region:
                    continue
                found = backend.schedule_groups.get(group or 'default')
                if found is not None and name in found.schedules:
                    return account, backend_region, found.schedules[name]
        return None

    def invoke(self, body):
        """Runs a schedule's ECS target once, as EventBridge Scheduler's templated ECS RunTask target does when the
        schedule fires: RunTask on the cluster Target.Arn names, with EcsParameters (task definition, count, launch
        type, platform version, network configuration, group, tags, ...), through this emulator's own endpoint."""
        name = body.get('name')
        if not isinstance(name, str) or not name:
            return 400, {'error': 'give {"name": SCHEDULE[, "group": GROUP][, "region": REGION]}'}
        found = self.find(name, body.get('group'), body.get('region'))
        if found is None:
            return 404, {'error': f'no schedule {name} in group {body.get("group") or "default"}'}
        account, region, schedule = found
        target = copy.deepcopy(schedule.target)
        ecs = target.get('EcsParameters')
        if not ecs or ':ecs:' not in str(target.get('Arn')):
            return 400, {'error': 'only ECS targets (Target.EcsParameters on a cluster ARN) can be invoked'}
        if not self.settings.endpoint_url:
            return 503, {'error': 'the emulator does not know its own URL yet'}
        request = {'cluster': target['Arn'], 'taskDefinition': ecs.get('TaskDefinitionArn'),
                   'count': int(ecs.get('TaskCount') or 1)}
        for key, wanted in (('LaunchType', 'launchType'), ('PlatformVersion', 'platformVersion'), ('Group', 'group'),
                            ('EnableECSManagedTags', 'enableECSManagedTags'),
                            ('EnableExecuteCommand', 'enableExecuteCommand'), ('PropagateTags', 'propagateTags'),
                            ('ReferenceId', 'referenceId'), ('PlacementConstraints', 'placementConstraints'),
                            ('PlacementStrategy', 'placementStrategy'),
                            ('CapacityProviderStrategy', 'capacityProviderStrategy')):
            if ecs.get(key) is not None:
                request[wanted] = ecs[key]
        awsvpc = (ecs.get('NetworkConfiguration') or {}).get('awsvpcConfiguration')
        if awsvpc:
            request['networkConfiguration'] = {'awsvpcConfiguration': {
                k2: awsvpc[k1] for k1, k2 in (('Subnets', 'subnets'), ('SecurityGroups', 'securityGroups'),
                                              ('AssignPublicIp', 'assignPublicIp')) if awsvpc.get(k1) is not None}}
        tags = [{'key': k, 'value': v} for tag_map in ecs.get('Tags') or [] for k, v in tag_map.items()]
        if tags:
            request['tags'] = tags
        import boto3
        key, secret, token = self.settings.credentials or ('testing', 'testing', None)
        client = boto3.client('ecs', endpoint_url=self.settings.endpoint_url, region_name=region,
                              aws_access_key_id=key, aws_secret_access_key=secret, aws_session_token=token)
        record = {'schedule': schedule.arn, 'account': account, 'region': region, 'request': request,
                  'tasks': [], 'failures': [], 'error': None}
        try:
            answer = client.run_task(**request)
            record['tasks'] = [t['taskArn'] for t in answer.get('tasks') or []]
            record['failures'] = answer.get('failures') or []
        except Exception as e:  # noqa: BLE001 - a refused RunTask is the invocation's result, as Scheduler records it
            record['error'] = str(e)
        with self.lock:
            self.invocations.append(record)
        return 200, record
