"""CloudWatch alarms patch (berth_emulator/patches/cloudwatch_alarms.py), with boto3 against the running emulator:
AWS::CloudWatch::Alarm in stacks (both forms Berth declares), PutMetricAlarm's initial state, SetAlarmState."""
import re

import botocore.exceptions
import pytest


def template(threshold=70, tasks_name='tasks-missing', extra=''):
    """A topic, a single-metric alarm without a name, a metric-math alarm with one, and outputs of both."""
    return f"""AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Topic:
    Type: AWS::SNS::Topic
  WebCpuAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmDescription: "web: CPUUtilization above {threshold}% for 15 minutes"
      Namespace: AWS/ECS
      MetricName: CPUUtilization
      Dimensions:
        - Name: ClusterName
          Value: site
        - Name: ServiceName
          Value: web
      Statistic: Average
      Period: 300
      EvaluationPeriods: 3
      DatapointsToAlarm: 2
      Threshold: {threshold}
      ComparisonOperator: GreaterThanThreshold
      TreatMissingData: notBreaching
      AlarmActions: [!Ref Topic]
      OKActions: [!Ref Topic]
  WebTasksAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: !Sub "${{AWS::StackName}}-{tasks_name}"
      AlarmDescription: "web: fewer tasks running than desired for 15 minutes"
      Metrics:
        - Id: missing
          Expression: desired - running
          Label: Tasks missing
          ReturnData: true
        - Id: desired
          ReturnData: false
          MetricStat:
            Metric:
              Namespace: ECS/ContainerInsights
              MetricName: DesiredTaskCount
              Dimensions: [{{Name: ClusterName, Value: site}}, {{Name: ServiceName, Value: web}}]
            Period: 60
            Stat: Average
        - Id: running
          ReturnData: false
          MetricStat:
            Metric:
              Namespace: ECS/ContainerInsights
              MetricName: RunningTaskCount
              Dimensions: [{{Name: ClusterName, Value: site}}, {{Name: ServiceName, Value: web}}]
            Period: 60
            Stat: Average
      EvaluationPeriods: 15
      Threshold: 0
      ComparisonOperator: GreaterThanThreshold
      TreatMissingData: notBreaching
      AlarmActions: [!Ref Topic]{extra}
Outputs:
  CpuAlarmName:
    Value: !Ref WebCpuAlarm
  CpuAlarmArn:
    Value: !GetAtt WebCpuAlarm.Arn
"""


BOTH_FORMS = """
  BothForms:
    Type: AWS::CloudWatch::Alarm
    DependsOn: [WebCpuAlarm, WebTasksAlarm]
    Properties:
      MetricName: CPUUtilization
      Metrics:
        - Id: e
          Expression: m * 2
          ReturnData: true
        - Id: m
          ReturnData: false
          MetricStat:
            Metric: {Namespace: AWS/ECS, MetricName: CPUUtilization}
            Period: 60
            Stat: Average
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanThreshold"""

TWO_RESULTS = """
  TwoResults:
    Type: AWS::CloudWatch::Alarm
    DependsOn: [WebCpuAlarm, WebTasksAlarm]
    Properties:
      Metrics:
        - Id: e
          Expression: m * 2
        - Id: m
          MetricStat:
            Metric: {Namespace: AWS/ECS, MetricName: CPUUtilization}
            Period: 60
            Stat: Average
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanThreshold"""


def settle(cfn, name):
    for _ in range(20):
        found = cfn.describe_stacks(StackName=name)['Stacks'][0]
        if not found['StackStatus'].endswith('_IN_PROGRESS'):
            return found
    raise AssertionError(f'{name} stays {found["StackStatus"]}')


def physical_ids(cfn, name):
    return {r['LogicalResourceId']: r['PhysicalResourceId']
            for r in cfn.list_stack_resources(StackName=name)['StackResourceSummaries']
            if r['ResourceType'] == 'AWS::CloudWatch::Alarm'}


def alarms(cw, names):
    """DescribeAlarms by AlarmNames (at most 100 a call, as Berth asks), by name."""
    return {a['AlarmName']: a for a in cw.describe_alarms(AlarmNames=list(names), MaxRecords=100)['MetricAlarms']}


def failure_events(cfn, name):
    return [(e['LogicalResourceId'], e['ResourceStatus'], e.get('ResourceStatusReason', ''))
            for e in reversed(cfn.describe_stack_events(StackName=name)['StackEvents'])
            if e['ResourceStatus'].endswith('_FAILED')]


def test_a_stack_creates_both_forms_of_alarm_and_deleting_it_deletes_them(aws):
    cfn, cw = aws.client('cloudformation'), aws.client('cloudwatch')
    cfn.create_stack(StackName='site-infra', TemplateBody=template())
    created = settle(cfn, 'site-infra')
    assert created['StackStatus'] == 'CREATE_COMPLETE'

    names = physical_ids(cfn, 'site-infra')
    assert set(names) == {'WebCpuAlarm', 'WebTasksAlarm'}
    assert re.fullmatch(r'site-infra-WebCpuAlarm-[0-9A-Z]{12}', names['WebCpuAlarm'])  # CloudFormation's generated name
    assert names['WebTasksAlarm'] == 'site-infra-tasks-missing'
    described = {r['LogicalResourceId']: r['PhysicalResourceId']
                 for r in cfn.describe_stack_resources(StackName='site-infra')['StackResources']}
    assert described['WebCpuAlarm'] == names['WebCpuAlarm']

    found = alarms(cw, names.values())
    assert set(found) == set(names.values())
    cpu, tasks = found[names['WebCpuAlarm']], found[names['WebTasksAlarm']]
    outputs = {o['OutputKey']: o['OutputValue'] for o in created['Outputs']}
    assert outputs['CpuAlarmName'] == cpu['AlarmName']
    assert outputs['CpuAlarmArn'] == cpu['AlarmArn'] == f'arn:aws:cloudwatch:us-east-1:123456789012:alarm:{cpu["AlarmName"]}'
    topic = cfn.describe_stack_resource(StackName='site-infra', LogicalResourceId='Topic')[
        'StackResourceDetail']['PhysicalResourceId']
    assert (cpu['Namespace'], cpu['MetricName'], cpu['Statistic'], cpu['Period']) == ('AWS/ECS', 'CPUUtilization',
                                                                                       'Average', 300)
    assert (cpu['EvaluationPeriods'], cpu['DatapointsToAlarm'], cpu['Threshold']) == (3, 2, 70.0)
    assert cpu['Dimensions'] == [{'Name': 'ClusterName', 'Value': 'site'}, {'Name': 'ServiceName', 'Value': 'web'}]
    assert (cpu['AlarmActions'], cpu['OKActions'], cpu['TreatMissingData']) == ([topic], [topic], 'notBreaching')
    assert cpu['AlarmDescription'] == 'web: CPUUtilization above 70% for 15 minutes'
    # PutMetricAlarm: "When this operation creates an alarm, the alarm state is immediately set to INSUFFICIENT_DATA."
    assert cpu['StateValue'] == tasks['StateValue'] == 'INSUFFICIENT_DATA'
    assert 'MetricName' not in tasks
    queries = {m['Id']: m for m in tasks['Metrics']}
    assert (queries['missing']['Expression'], queries['missing']['ReturnData']) == ('desired - running', True)
    assert queries['running']['MetricStat']['Metric']['MetricName'] == 'RunningTaskCount'
    assert queries['running']['MetricStat']['Metric']['Dimensions'][1] == {'Name': 'ServiceName', 'Value': 'web'}
    assert (queries['running']['MetricStat']['Period'], queries['running']['ReturnData']) == (60, False)

    cw.set_alarm_state(AlarmName=cpu['AlarmName'], StateValue='ALARM', StateReason='Threshold Crossed: 3 datapoints')
    firing = alarms(cw, [cpu['AlarmName']])[cpu['AlarmName']]
    assert (firing['StateValue'], firing['StateReason']) == ('ALARM', 'Threshold Crossed: 3 datapoints')
    assert [a['AlarmName'] for a in cw.describe_alarms(StateValue='ALARM')['MetricAlarms']] == [cpu['AlarmName']]

    cfn.delete_stack(StackName='site-infra')
    assert settle(cfn, created['StackId'])['StackStatus'] == 'DELETE_COMPLETE'
    assert alarms(cw, names.values()) == {}


def test_an_update_changes_the_alarm_in_place_or_replaces_it_for_a_new_name(aws):
    cfn, cw = aws.client('cloudformation'), aws.client('cloudwatch')
    cfn.create_stack(StackName='upd', TemplateBody=template())
    settle(cfn, 'upd')
    before = physical_ids(cfn, 'upd')
    cw.set_alarm_state(AlarmName=before['WebCpuAlarm'], StateValue='ALARM', StateReason='firing')

    cfn.update_stack(StackName='upd', TemplateBody=template(threshold=85))
    assert settle(cfn, 'upd')['StackStatus'] == 'UPDATE_COMPLETE'
    assert physical_ids(cfn, 'upd') == before  # in place: the same alarms
    cpu = alarms(cw, [before['WebCpuAlarm']])[before['WebCpuAlarm']]
    assert (cpu['Threshold'], cpu['AlarmDescription']) == (85.0, 'web: CPUUtilization above 85% for 15 minutes')
    # "When you update an existing alarm, its state is left unchanged"
    assert (cpu['StateValue'], cpu['StateReason']) == ('ALARM', 'firing')

    # AlarmName is a createOnlyProperty: a new name replaces the alarm, and the old one is deleted in cleanup.
    cfn.update_stack(StackName='upd', TemplateBody=template(threshold=85, tasks_name='tasks-gone'))
    assert settle(cfn, 'upd')['StackStatus'] == 'UPDATE_COMPLETE'
    after = physical_ids(cfn, 'upd')
    assert after == {'WebCpuAlarm': before['WebCpuAlarm'], 'WebTasksAlarm': 'upd-tasks-gone'}
    assert set(alarms(cw, [before['WebTasksAlarm'], 'upd-tasks-gone'])) == {'upd-tasks-gone'}

    # An update the alarm refuses rolls the stack back; the alarm keeps what it had.
    bad = template(threshold=90, tasks_name='tasks-gone').replace('DatapointsToAlarm: 2', 'DatapointsToAlarm: 4')
    cfn.update_stack(StackName='upd', TemplateBody=bad)
    assert settle(cfn, 'upd')['StackStatus'] == 'UPDATE_ROLLBACK_COMPLETE'
    assert failure_events(cfn, 'upd')[0][:2] == ('WebCpuAlarm', 'UPDATE_FAILED')
    assert failure_events(cfn, 'upd')[0][2].startswith('DatapointsToAlarm must be less than or equal to EvaluationPeriods')
    assert alarms(cw, [before['WebCpuAlarm']])[before['WebCpuAlarm']]['Threshold'] == 85.0


@pytest.fixture
def lint_ignore(aws):
    yield lambda rules: aws.control('POST', '/_berth/cfn/config', {'lintIgnore': rules})
    aws.control('POST', '/_berth/cfn/config', {'lintIgnore': []})


def test_an_alarm_with_both_metric_name_and_metrics_fails_the_stack(aws, lint_ignore):
    cfn, cw = aws.client('cloudformation'), aws.client('cloudwatch')
    # Template validation (cfn-lint's E3020 for the schema's dependentExcluded) refuses it before anything is made.
    with pytest.raises(botocore.exceptions.ClientError) as info:
        cfn.create_stack(StackName='both', TemplateBody=template(extra=BOTH_FORMS))
    assert info.value.response['Error']['Code'] == 'ValidationError'
    assert 'E3020' in info.value.response['Error']['Message']

    # Past validation, CloudWatch refuses it: the resource fails and the stack rolls back, its alarms deleted.
    lint_ignore(['E3020', 'E3014'])
    cfn.create_stack(StackName='both', TemplateBody=template(extra=BOTH_FORMS))
    assert settle(cfn, 'both')['StackStatus'] == 'ROLLBACK_COMPLETE'
    [(lid, status, reason)] = failure_events(cfn, 'both')
    assert (lid, status) == ('BothForms', 'CREATE_FAILED')
    assert reason.startswith('MetricName should not be set if list of Metrics is set. (Service: AmazonCloudWatch; '
                             'Status Code: 400; Error Code: ValidationError; Request ID: ')
    assert cw.describe_alarms()['MetricAlarms'] == []
    assert cfn.list_stack_resources(StackName='both')['StackResourceSummaries'] == []

    # Metrics whose entries return more than one result (ReturnData left out is true): the same.
    cfn.create_stack(StackName='two', TemplateBody=template(extra=TWO_RESULTS))
    assert settle(cfn, 'two')['StackStatus'] == 'ROLLBACK_COMPLETE'
    [(lid, status, reason)] = failure_events(cfn, 'two')
    assert (lid, status) == ('TwoResults', 'CREATE_FAILED')
    assert reason.startswith('Exactly one element of the metrics list should return data.')
    assert cw.describe_alarms()['MetricAlarms'] == []


def test_put_metric_alarm_starts_insufficient_data_and_an_update_keeps_the_state(aws):
    cw = aws.client('cloudwatch')
    alarm = dict(AlarmName='api', Namespace='AWS/EFS', MetricName='PercentIOLimit', Statistic='Average', Period=300,
                 EvaluationPeriods=3, Threshold=90, ComparisonOperator='GreaterThanThreshold')
    cw.put_metric_alarm(**alarm)
    assert alarms(cw, ['api'])['api']['StateValue'] == 'INSUFFICIENT_DATA'
    cw.set_alarm_state(AlarmName='api', StateValue='OK', StateReason='fine')
    cw.put_metric_alarm(**dict(alarm, Threshold=95))
    found = alarms(cw, ['api'])['api']
    assert (found['Threshold'], found['StateValue'], found['StateReason']) == (95.0, 'OK', 'fine')
    with pytest.raises(botocore.exceptions.ClientError) as info:
        cw.set_alarm_state(AlarmName='nope', StateValue='ALARM', StateReason='x')
    assert info.value.response['Error']['Code'] == 'ResourceNotFound'


def test_load_balancer_dimensions_take_the_full_names(aws):
    """AWS/ApplicationELB alarms name their load balancer and target group by Fn::GetAtt LoadBalancerFullName and
    TargetGroupFullName (moto had neither)."""
    ec2, cfn, cw = aws.client('ec2'), aws.client('cloudformation'), aws.client('cloudwatch')
    vpc = ec2.describe_vpcs(Filters=[{'Name': 'is-default', 'Values': ['true']}])['Vpcs'][0]['VpcId']
    subnets = [s['SubnetId'] for s in ec2.describe_subnets(Filters=[{'Name': 'vpc-id', 'Values': [vpc]}])['Subnets']][:2]
    body = f"""Resources:
  LoadBalancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [{', '.join(subnets)}]
  Group:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {{Port: 80, Protocol: HTTP, VpcId: {vpc}, TargetType: ip}}
  Unhealthy:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/ApplicationELB
      MetricName: UnHealthyHostCount
      Dimensions:
        - {{Name: LoadBalancer, Value: !GetAtt LoadBalancer.LoadBalancerFullName}}
        - {{Name: TargetGroup, Value: !GetAtt Group.TargetGroupFullName}}
      Statistic: Maximum
      Period: 60
      EvaluationPeriods: 5
      Threshold: 0
      ComparisonOperator: GreaterThanThreshold
Outputs:
  GroupName:
    Value: !GetAtt Group.TargetGroupName
"""
    cfn.create_stack(StackName='lb', TemplateBody=body)
    created = settle(cfn, 'lb')
    assert created['StackStatus'] == 'CREATE_COMPLETE'
    resources = {r['LogicalResourceId']: r['PhysicalResourceId']
                 for r in cfn.list_stack_resources(StackName='lb')['StackResourceSummaries']}
    [alarm] = cw.describe_alarms(AlarmNames=[resources['Unhealthy']])['MetricAlarms']
    assert alarm['Dimensions'] == [
        {'Name': 'LoadBalancer', 'Value': resources['LoadBalancer'].split(':loadbalancer/')[1]},
        {'Name': 'TargetGroup', 'Value': resources['Group'].split(':')[5]}]
    assert alarm['Dimensions'][0]['Value'].startswith('app/') and alarm['Dimensions'][1]['Value'].startswith('targetgroup/')
    assert created['Outputs'][0]['OutputValue'] == resources['Group'].split(':')[5].split('/')[1]
