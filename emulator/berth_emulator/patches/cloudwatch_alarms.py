"""CloudWatch alarms in stacks (patch 'cloudwatch-alarms'): CloudFormation creates, updates and deletes
AWS::CloudWatch::Alarm through CloudWatch, and a new alarm starts INSUFFICIENT_DATA as PutMetricAlarm says.

moto alone: CloudFormation had no model for AWS::CloudWatch::Alarm. It logged "No Moto CloudFormation support",
made nothing, and the stack still ended CREATE_COMPLETE: DescribeAlarms found none of the stack's alarms and
ListStackResources showed a blank row instead of each. Separately, moto's PutMetricAlarm started every alarm
in OK, and an update of an existing alarm reset its state to OK and dropped its history.

With the patch:
  * the type is a CloudFormation model (AlarmResource) whose create / update / delete call moto's CloudWatch
    backend (put_metric_alarm / delete_alarms), for the single-metric form (MetricName, Namespace, Dimensions,
    Statistic or ExtendedStatistic, Period, ...) and the metric-math form (Metrics: MetricDataQuery entries);
  * the physical id is AlarmName, or the name moto's CloudFormation generates, `<stack>-<logical id>-<12 chars>`;
    Ref gives the name, Fn::GetAtt Arn the alarm's ARN;
  * the rules PutMetricAlarm enforces are checked before anything is made (ValidationError, with the message
    CloudWatch gives), so the resource fails and the stack rolls back;
  * PutMetricAlarm (API or stack): a new alarm is INSUFFICIENT_DATA; an update keeps the state and its history.
docs/cloudwatch-alarms.md lists each behaviour, the AWS text it follows, and its limits.
"""
import uuid

from moto.core.common_models import CloudFormationModel

from .base import Patch, adopt_cloudformation_model, require, wrap

TYPE = 'AWS::CloudWatch::Alarm'
# PutMetricAlarm: "If you use the Metrics parameter, you cannot include the Namespace, MetricName, Dimensions,
# Period, Unit, Statistic, or ExtendedStatistic parameters of PutMetricAlarm in the same operation."
SINGLE_METRIC_ONLY = ('MetricName', 'Namespace', 'Dimensions', 'Period', 'Statistic', 'ExtendedStatistic', 'Unit')
STATES = ('OK', 'ALARM', 'INSUFFICIENT_DATA')


def _backend(account_id, region_name):
    from moto.cloudwatch.models import cloudwatch_backends
    return cloudwatch_backends[account_id][region_name]


def _invalid(message, through_stack=True):
    """CloudWatch's ValidationError; a stack's event shows it as CloudFormation words a service's refusal."""
    from moto.cloudwatch.exceptions import ValidationError
    if through_stack:
        message += (f' (Service: AmazonCloudWatch; Status Code: 400; Error Code: ValidationError; '
                    f'Request ID: {uuid.uuid4()})')
    return ValidationError(message)


def _boolean(value, default):
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() == 'true'
    return bool(value)


def _integer(properties, key):
    value = properties.get(key)
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _invalid(f"Value '{value}' at '{key[0].lower() + key[1:]}' failed to satisfy constraint: "
                       'Member must be an integer')


def _number(properties, key):
    value = properties.get(key)
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise _invalid(f"Value '{value}' at '{key[0].lower() + key[1:]}' failed to satisfy constraint: "
                       'Member must be a number')


def check(properties):
    """The PutMetricAlarm rules an AWS::CloudWatch::Alarm's properties must meet; raises CloudWatch's
    ValidationError with the message CloudWatch gives (docs/cloudwatch-alarms.md)."""
    missing = [key for key in ('EvaluationPeriods', 'ComparisonOperator') if properties.get(key) is None]
    if missing:
        raise _invalid(f'{len(missing)} validation error{"s" if len(missing) > 1 else ""} detected: ' + '; '.join(
            f"Value null at '{k[0].lower() + k[1:]}' failed to satisfy constraint: Member must not be null"
            for k in missing))
    metrics = properties.get('Metrics')
    if metrics:
        for key in SINGLE_METRIC_ONLY:
            if properties.get(key) not in (None, []):
                raise _invalid(f'{key} should not be set if list of Metrics is set.')
        if not isinstance(metrics, list) or not all(isinstance(m, dict) for m in metrics):
            raise _invalid('Metrics must be a list of MetricDataQuery structures.')
        for metric in metrics:
            if metric.get('Expression') is not None and metric.get('MetricStat') is not None:
                raise _invalid('The parameters MetricDataQuery Expression and MetricStat are mutually exclusive '
                               'and you have specified both.')
            if metric.get('Expression') is None and metric.get('MetricStat') is None:
                raise _invalid('One of the parameters MetricDataQuery Expression and MetricStat must be specified.')
        # MetricDataQuery.ReturnData: "If you omit this, the default of True is used."
        if sum(1 for m in metrics if _boolean(m.get('ReturnData'), True)) != 1:
            raise _invalid('Exactly one element of the metrics list should return data.')
    elif properties.get('MetricName') is None:
        raise _invalid('MetricName must not be null')
    elif properties.get('Statistic') is not None and properties.get('ExtendedStatistic') is not None:
        raise _invalid('Statistic and ExtendedStatistic cannot both be set')
    if properties.get('Threshold') is not None and properties.get('ThresholdMetricId') is not None:
        raise _invalid('Threshold and ThresholdMetricId cannot both be set')
    evaluation, datapoints = _integer(properties, 'EvaluationPeriods'), _integer(properties, 'DatapointsToAlarm')
    if datapoints is not None and datapoints > evaluation:
        raise _invalid('DatapointsToAlarm must be less than or equal to EvaluationPeriods')


def metric_data_queries(metrics):
    """The template's Metrics as moto's MetricDataQuery objects (as moto's PutMetricAlarm handler makes them)."""
    from moto.cloudwatch.models import Dimension, Metric, MetricDataQuery, MetricStat
    if not metrics:
        return None
    queries = []
    for metric in metrics:
        stat, metric_stat = metric.get('MetricStat'), None
        if stat:
            watched = stat.get('Metric') or {}
            metric_stat = MetricStat(
                metric=Metric(metric_name=watched.get('MetricName'), namespace=watched.get('Namespace'),
                              dimensions=[Dimension(d.get('Name'), d.get('Value')) for d in watched.get('Dimensions') or []]),
                period=_integer(stat, 'Period'), stat=stat.get('Stat'), unit=stat.get('Unit'))
        queries.append(MetricDataQuery(query_id=metric.get('Id'), label=metric.get('Label'),
                                       period=_integer(metric, 'Period'),
                                       return_data=_boolean(metric.get('ReturnData'), True),
                                       expression=metric.get('Expression'), metric_stat=metric_stat))
    return queries


def put_alarm(name, properties, account_id, region_name):
    """PutMetricAlarm with an AWS::CloudWatch::Alarm's properties (checked first); returns moto's Alarm."""
    check(properties)
    backend = _backend(account_id, region_name)
    tags = [{'Key': t.get('Key'), 'Value': t.get('Value')} for t in properties.get('Tags') or [] if isinstance(t, dict)]
    existing = backend.alarms.get(name)
    if existing is not None:  # the template's Tags are the alarm's tags: ones it no longer lists go
        backend.tagger.delete_all_tags_for_resource(existing.alarm_arn)
    return backend.put_metric_alarm(
        name=name,
        namespace=properties.get('Namespace'),
        metric_name=properties.get('MetricName'),
        metric_data_queries=metric_data_queries(properties.get('Metrics')),
        comparison_operator=properties.get('ComparisonOperator'),
        evaluation_periods=_integer(properties, 'EvaluationPeriods'),
        datapoints_to_alarm=_integer(properties, 'DatapointsToAlarm'),
        period=_integer(properties, 'Period'),
        threshold=_number(properties, 'Threshold'),
        statistic=properties.get('Statistic'),
        extended_statistic=properties.get('ExtendedStatistic'),
        description=properties.get('AlarmDescription'),
        dimensions=[{'Name': d.get('Name'), 'Value': d.get('Value')} for d in properties.get('Dimensions') or []],
        alarm_actions=list(properties.get('AlarmActions') or []),
        ok_actions=list(properties.get('OKActions') or []),
        insufficient_data_actions=list(properties.get('InsufficientDataActions') or []),
        unit=properties.get('Unit'),
        actions_enabled=_boolean(properties.get('ActionsEnabled'), True),
        treat_missing_data=properties.get('TreatMissingData'),
        evaluate_low_sample_count_percentile=properties.get('EvaluateLowSampleCountPercentile'),
        threshold_metric_id=properties.get('ThresholdMetricId'),
        tags=tags or None,
    )


# AWS::ElasticLoadBalancingV2::TargetGroup return values (Fn::GetAtt).
TARGET_GROUP_ATTRIBUTES = ('LoadBalancerArns', 'TargetGroupArn', 'TargetGroupFullName', 'TargetGroupName')


def load_balancer_attribute(old, balancer, name):
    """LoadBalancerFullName: "The full name of the load balancer. For example, app/my-load-balancer/50dc6c495c0c9188"
    (the ARN after `loadbalancer/`)."""
    if name == 'LoadBalancerFullName':
        return balancer.arn.split(':loadbalancer/', 1)[1]
    return old(balancer, name)


def target_group_attribute(old, group, name):
    """TargetGroupFullName "targetgroup/my-target-group/cbf133c568e0d028" (the ARN's resource part), TargetGroupName,
    TargetGroupArn, LoadBalancerArns."""
    if name == 'TargetGroupFullName':
        return group.arn.split(':', 5)[5]
    if name == 'TargetGroupName':
        return group.name
    if name == 'TargetGroupArn':
        return group.arn
    if name == 'LoadBalancerArns':
        return list(group.load_balancer_arns)
    if old is not None:
        return old(group, name)
    from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
    raise UnformattedGetAttTemplateException()


class AlarmResource(CloudFormationModel):
    """A stack's AWS::CloudWatch::Alarm: its name and where it lives; the alarm itself is CloudWatch's."""

    def __init__(self, account_id, region_name, name):
        self.account_id, self.region_name, self.name = account_id, region_name, name

    @property
    def alarm(self):
        return _backend(self.account_id, self.region_name).alarms.get(self.name)

    @property
    def physical_resource_id(self):
        """Ref: "Ref returns the alarm name"."""
        return self.name

    @property
    def arn(self):
        from moto.cloudwatch.utils import make_arn_for_alarm
        return make_arn_for_alarm(self.region_name, self.account_id, self.name)

    @staticmethod
    def cloudformation_name_type():
        return 'AlarmName'

    @staticmethod
    def cloudformation_type():
        return TYPE

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in ('Arn',)

    def get_cfn_attribute(self, attribute_name):
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
        if attribute_name == 'Arn':
            return self.arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        """`resource_name` is AlarmName when given, otherwise the name moto's CloudFormation generated
        (`<stack>-<logical id>-<random suffix>`)."""
        properties = cloudformation_json.get('Properties') or {}
        put_alarm(resource_name, properties, account_id, region_name)
        return cls(account_id, region_name, resource_name)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                                        region_name):
        """No interruption: PutMetricAlarm again under the same name, which overwrites the configuration and keeps
        the state. A new name (AlarmName changed) is a replacement: the new alarm, then the old one deleted."""
        properties = cloudformation_json.get('Properties') or {}
        name = new_resource_name or original_resource.name
        put_alarm(name, properties, account_id, region_name)
        if name != original_resource.name:
            _backend(account_id, region_name).delete_alarms([original_resource.name])
        return cls(account_id, region_name, name)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        if resource_name:
            _backend(account_id, region_name).delete_alarms([resource_name])

    def delete(self, account_id, region_name):
        """DeleteAlarms; an alarm already gone is fine, as DeleteAlarms' is."""
        _backend(self.account_id, self.region_name).delete_alarms([self.name])


class CloudWatchAlarmsPatch(Patch):
    name = 'cloudwatch-alarms'
    prefix = 'cloudwatch'

    def install(self):
        from moto.cloudformation import parsing
        from moto.cloudwatch import exceptions, models, utils
        require(self.name, parsing, 'get_model_list', 'get_model_map', 'get_name_type_map',
                'resource_class_from_type', 'generate_resource_name')
        require(self.name, models, 'cloudwatch_backends', 'Dimension', 'Metric', 'MetricStat', 'MetricDataQuery')
        require(self.name, models.MetricDataQuery, params=[('__init__', ['query_id', 'label', 'period', 'return_data',
                                                                         'expression', 'metric_stat'])])
        require(self.name, models.MetricStat, params=[('__init__', ['metric', 'period', 'stat', 'unit'])])
        require(self.name, models.Metric, params=[('__init__', ['metric_name', 'namespace', 'dimensions'])])
        require(self.name, models.CloudWatchBackend, 'put_metric_alarm', 'delete_alarms', 'set_alarm_state',
                params=[('put_metric_alarm', ['name', 'namespace', 'metric_name', 'metric_data_queries',
                                              'comparison_operator', 'evaluation_periods', 'datapoints_to_alarm',
                                              'period', 'threshold', 'statistic', 'extended_statistic', 'description',
                                              'dimensions', 'alarm_actions', 'ok_actions', 'insufficient_data_actions',
                                              'unit', 'actions_enabled', 'treat_missing_data',
                                              'evaluate_low_sample_count_percentile', 'threshold_metric_id', 'tags'])])
        require(self.name, exceptions, 'ValidationError')
        require(self.name, utils, 'make_arn_for_alarm')
        backend = models.CloudWatchBackend('us-east-1', '000000000000')
        require(self.name, backend, 'alarms', 'tagger')
        require(self.name, backend.tagger, 'delete_all_tags_for_resource')
        adopt_cloudformation_model(self.name, TYPE, AlarmResource)
        wrap(models.CloudWatchBackend, 'put_metric_alarm', self.put_metric_alarm)
        self.install_elbv2_attributes()

    def install_elbv2_attributes(self):
        """The load balancer and target group attributes alarm Dimensions name (AWS/ApplicationELB's LoadBalancer and
        TargetGroup dimensions): moto left LoadBalancerFullName unimplemented (the dimension lost its Value) and its
        target groups had no Fn::GetAtt at all (the alarm failed with an AttributeError)."""
        from moto.elbv2 import models as elbv2
        require(self.name, elbv2, 'FakeLoadBalancer', 'FakeTargetGroup')
        require(self.name, elbv2.FakeLoadBalancer, 'get_cfn_attribute', 'has_cfn_attr')
        wrap(elbv2.FakeLoadBalancer, 'get_cfn_attribute', load_balancer_attribute)
        if hasattr(elbv2.FakeTargetGroup, 'get_cfn_attribute'):
            wrap(elbv2.FakeTargetGroup, 'get_cfn_attribute', target_group_attribute)
        else:
            elbv2.FakeTargetGroup.get_cfn_attribute = lambda group, name: target_group_attribute(None, group, name)
        elbv2.FakeTargetGroup.has_cfn_attr = classmethod(lambda cls, attr: attr in TARGET_GROUP_ATTRIBUTES)

    @staticmethod
    def put_metric_alarm(old, backend, *args, **kwargs):
        """PutMetricAlarm: "When this operation creates an alarm, the alarm state is immediately set to
        INSUFFICIENT_DATA." and "When you update an existing alarm, its state is left unchanged, but the update
        completely overwrites the previous configuration of the alarm." (moto began each in OK, again on update)."""
        name = kwargs.get('name', args[0] if args else None)
        before = backend.alarms.get(name)
        alarm = old(backend, *args, **kwargs)
        if before is None:
            alarm.state_value, alarm.state_reason, alarm.state_reason_data = (
                'INSUFFICIENT_DATA', 'Unchecked: Initial alarm creation', '{}')
        elif before is not alarm:
            for attribute in ('state_value', 'state_reason', 'state_reason_data', 'state_updated_timestamp',
                              'history'):
                setattr(alarm, attribute, getattr(before, attribute))
        return alarm

    def state(self):
        return {'cloudformationType': TYPE}
