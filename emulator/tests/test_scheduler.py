"""EventBridge Scheduler (patch scheduler), SNS topic policies (patch sns-topic-policy) and EventBridge rules in stacks,
with boto3 against the emulator."""
import json
import os
import pathlib
import re
import subprocess
import sys
import time

import botocore.exceptions
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SUBNET = 'subnet-0123456789abcdef0'


def template(name=True, retries='2', extra_schedule='', group=''):
    """Berth's backup schedule: a cluster, a role Scheduler assumes, a task definition and the schedule running it;
    the expression, retries and window mode come from parameters (cfn-lint cannot judge those)."""
    name_line = 'Name: !Sub "${AWS::StackName}-backup"' if name is True else (f'Name: {name}' if name else '')
    group_line = f'GroupName: {group}' if group else ''
    return f"""AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Expression: {{Type: String, Default: "cron(0 2 * * ? *)"}}
  Retries: {{Type: Number, Default: {retries}}}
  Mode: {{Type: String, Default: "OFF"}}
Resources:
  Cluster:
    Type: AWS::ECS::Cluster
  BackupSchedulerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{{Effect: Allow, Principal: {{Service: scheduler.amazonaws.com}}, Action: sts:AssumeRole}}]
  BackupTaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: !Sub "${{AWS::StackName}}-backup"
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: "256"
      Memory: "512"
      ContainerDefinitions:
        - Name: backup
          Image: public.ecr.aws/docker/library/alpine:3.20
          Command: ["sh", "-c", "echo backing up"]
  BackupSchedule:
    Type: AWS::Scheduler::Schedule
    Properties:
      {name_line}
      {group_line}
      Description: Nightly backup
      ScheduleExpression: !Ref Expression
      ScheduleExpressionTimezone: UTC
      State: ENABLED
      FlexibleTimeWindow: {{Mode: !Ref Mode}}
      Target:
        Arn: !GetAtt Cluster.Arn
        RoleArn: !GetAtt BackupSchedulerRole.Arn
        RetryPolicy: {{MaximumRetryAttempts: !Ref Retries, MaximumEventAgeInSeconds: 3600}}
        EcsParameters:
          TaskDefinitionArn: !Ref BackupTaskDefinition
          LaunchType: FARGATE
          PlatformVersion: LATEST
          TaskCount: 1
          NetworkConfiguration:
            AwsvpcConfiguration: {{Subnets: [{SUBNET}], AssignPublicIp: ENABLED}}{extra_schedule}
Outputs:
  ScheduleName: {{Value: !Ref BackupSchedule}}
  ScheduleArn: {{Value: !GetAtt BackupSchedule.Arn}}
"""


def settle(cfn, name):
    for _ in range(20):
        found = cfn.describe_stacks(StackName=name)['Stacks'][0]
        if not found['StackStatus'].endswith('_IN_PROGRESS'):
            return found
    raise AssertionError(f'{name} stays {found["StackStatus"]}')


def outputs(stack):
    return {o['OutputKey']: o['OutputValue'] for o in stack.get('Outputs') or []}


def failures(cfn, name):
    events = reversed(cfn.describe_stack_events(StackName=name)['StackEvents'])
    return [(e['LogicalResourceId'], e.get('ResourceStatusReason')) for e in events
            if e['ResourceStatus'].endswith('FAILED')]


def create(cfn, name, body, **parameters):
    cfn.create_stack(StackName=name, TemplateBody=body,
                     Parameters=[{'ParameterKey': k, 'ParameterValue': v} for k, v in parameters.items()])
    return settle(cfn, name)


def error(call):
    with pytest.raises(botocore.exceptions.ClientError) as e:
        call()
    return e.value.response['Error']


def test_schedule_in_a_stack(aws):
    cfn, scheduler = aws.client('cloudformation'), aws.client('scheduler')
    stack = create(cfn, 'site', template())
    assert stack['StackStatus'] == 'CREATE_COMPLETE'
    out = outputs(stack)
    assert out['ScheduleName'] == 'site-backup'   # Ref: the name
    assert re.fullmatch(r'arn:aws:scheduler:us-east-1:\d{12}:schedule/default/site-backup', out['ScheduleArn'])
    schedule = scheduler.get_schedule(Name='site-backup')
    assert schedule['Arn'] == out['ScheduleArn'] and schedule['GroupName'] == 'default'
    assert (schedule['ScheduleExpression'], schedule['ScheduleExpressionTimezone'], schedule['State']) == (
        'cron(0 2 * * ? *)', 'UTC', 'ENABLED')
    assert schedule['Description'] == 'Nightly backup' and schedule['FlexibleTimeWindow'] == {'Mode': 'OFF'}
    target = schedule['Target']
    cluster = cfn.describe_stack_resource(StackName='site', LogicalResourceId='Cluster')['StackResourceDetail']
    assert target['Arn'].endswith(':cluster/' + cluster['PhysicalResourceId'].rsplit('/', 1)[-1])
    assert ':role/' in target['RoleArn']
    assert target['RetryPolicy'] == {'MaximumRetryAttempts': 2, 'MaximumEventAgeInSeconds': 3600}
    ecs = target['EcsParameters']
    assert ecs['TaskDefinitionArn'].endswith(':task-definition/site-backup:1')
    assert (ecs['LaunchType'], ecs['PlatformVersion'], ecs['TaskCount']) == ('FARGATE', 'LATEST', 1)
    assert ecs['NetworkConfiguration'] == {'awsvpcConfiguration': {'Subnets': [SUBNET], 'AssignPublicIp': 'ENABLED'}}
    assert [s['Name'] for s in scheduler.list_schedules()['Schedules']] == ['site-backup']
    resources = {r['LogicalResourceId']: r['PhysicalResourceId']
                 for r in cfn.list_stack_resources(StackName='site')['StackResourceSummaries']}
    assert resources['BackupSchedule'] == 'site-backup'

    # In-place update: UpdateSchedule with the new retries.
    cfn.update_stack(StackName='site', TemplateBody=template(), Parameters=[
        {'ParameterKey': 'Retries', 'ParameterValue': '5'}])
    assert settle(cfn, 'site')['StackStatus'] == 'UPDATE_COMPLETE'
    assert scheduler.get_schedule(Name='site-backup')['Target']['RetryPolicy']['MaximumRetryAttempts'] == 5
    # A new Name replaces it (Name is create-only): the new one made, the old one deleted.
    cfn.update_stack(StackName='site', TemplateBody=template(name='site-nightly'))
    assert settle(cfn, 'site')['StackStatus'] == 'UPDATE_COMPLETE'
    assert [s['Name'] for s in scheduler.list_schedules()['Schedules']] == ['site-nightly']
    # Deleting the stack deletes the schedule.
    cfn.delete_stack(StackName='site')
    settle(cfn, stack['StackId'])
    assert scheduler.list_schedules()['Schedules'] == []


def test_generated_name_groups_and_expression_forms(aws):
    cfn, scheduler = aws.client('cloudformation'), aws.client('scheduler')
    scheduler.create_schedule_group(Name='berth')
    long_name = 'a-stack-name-that-is-long-enough-to-need-shortening'
    for expression in ('rate(1 day)', 'rate(15 minutes)', 'at(2030-01-31T02:30:00)', 'cron(0/15 8-18 ? * MON-FRI *)',
                       'cron(0 2 L * ? 2030)', 'cron(30 4 ? * 6#3 *)'):
        name = f'{long_name}-{len(scheduler.list_schedules()["Schedules"])}'
        stack = create(cfn, name, template(name=None, group='berth'), Expression=expression)
        assert stack['StackStatus'] == 'CREATE_COMPLETE', failures(cfn, name)
        generated = outputs(stack)['ScheduleName']
        # CloudFormation's name: <stack>-<logical id>-<suffix>, at most 64 characters.
        assert len(generated) <= 64 and re.fullmatch(r'[0-9a-zA-Z-_.]+-[0-9A-Z]{12}', generated)
        assert generated.startswith(long_name[:20])
        described = scheduler.get_schedule(Name=generated, GroupName='berth')
        assert described['ScheduleExpression'] == expression and described['GroupName'] == 'berth'


@pytest.mark.parametrize('parameters, reason', [
    ({'Expression': 'cron(0 2 * * *)'}, 'Invalid Schedule Expression cron(0 2 * * *)'),
    ({'Expression': 'cron(0 2 * * * *)'}, 'Invalid Schedule Expression cron(0 2 * * * *)'),
    ({'Expression': 'cron(0 25 * * ? *)'}, 'Invalid Schedule Expression cron(0 25 * * ? *)'),
    ({'Expression': 'rate(0 minutes)'}, 'Invalid Schedule Expression rate(0 minutes)'),
    ({'Expression': 'rate(5 weeks)'}, 'Invalid Schedule Expression rate(5 weeks)'),
    ({'Expression': 'at(2030-13-01T00:00:00)'}, 'Invalid Schedule Expression at(2030-13-01T00:00:00)'),
    ({'Expression': 'every night'}, 'Invalid Schedule Expression every night'),
    ({'Mode': 'FLEXIBLE'}, 'MaximumWindowInMinutes must be specified when FlexibleTimeWindow Mode is FLEXIBLE.'),
])
def test_scheduler_refusals_fail_the_resource(aws, parameters, reason):
    cfn, scheduler = aws.client('cloudformation'), aws.client('scheduler')
    stack = create(cfn, 'bad', template(), **parameters)
    assert stack['StackStatus'] == 'ROLLBACK_COMPLETE'
    assert stack['StackStatusReason'] == ('The following resource(s) failed to create: [BackupSchedule]. Rollback '
                                          'requested by user.')
    ((logical_id, message),) = failures(cfn, 'bad')
    assert logical_id == 'BackupSchedule'
    assert re.fullmatch(r'Resource handler returned message: "' + re.escape(reason) + r' \(Service: Scheduler, '
                        r'Status Code: 400, Request ID: [0-9a-f-]{36}\)" \(RequestToken: [0-9a-f-]{36}, '
                        r'HandlerErrorCode: InvalidRequest\)', message), message
    assert scheduler.list_schedules()['Schedules'] == []


def test_property_validation_fails_the_resource(aws):
    cfn = aws.client('cloudformation')
    stack = create(cfn, 'retries', template(), Retries='186')
    assert stack['StackStatus'] == 'ROLLBACK_COMPLETE'
    assert failures(cfn, 'retries') == [('BackupSchedule', 'Properties validation failed for resource BackupSchedule '
                                         'with message: [#/Target/RetryPolicy/MaximumRetryAttempts: 186 is not less '
                                         'or equal to 185]')]
    # OFF with a maximum window: the template's own text (cfn-lint cannot see that it is wrong).
    window = template().replace('FlexibleTimeWindow: {Mode: !Ref Mode}',
                                'FlexibleTimeWindow: {Mode: "OFF", MaximumWindowInMinutes: 15}')
    stack = create(cfn, 'window', window)
    assert stack['StackStatus'] == 'ROLLBACK_COMPLETE'
    assert 'MaximumWindowInMinutes can only be specified when FlexibleTimeWindow Mode is FLEXIBLE.' in \
        failures(cfn, 'window')[0][1]
    # What cfn-lint refuses at once (a required property missing) fails the resource when validation is off.
    missing = re.sub(r'\n      FlexibleTimeWindow: [^\n]*', '', template())
    with pytest.raises(botocore.exceptions.ClientError, match='Template format error'):
        cfn.create_stack(StackName='missing', TemplateBody=missing)
    try:
        aws.control('POST', '/_berth/cfn/config', {'lint': False})
        stack = create(cfn, 'missing', missing)
    finally:
        aws.control('POST', '/_berth/cfn/config', {'lint': True})
    assert failures(cfn, 'missing') == [('BackupSchedule', 'Properties validation failed for resource BackupSchedule '
                                         'with message: [#: required key [FlexibleTimeWindow] not found]')]


def test_create_schedule_api_checks(aws):
    scheduler = aws.client('scheduler')
    target = {'Arn': 'arn:aws:sqs:us-east-1:123456789012:queue', 'RoleArn': 'arn:aws:iam::123456789012:role/r'}

    def refused(**kwargs):
        request = dict(Name='s', ScheduleExpression='rate(5 minutes)', FlexibleTimeWindow={'Mode': 'OFF'},
                       Target=target)
        request.update(kwargs)
        e = error(lambda: scheduler.create_schedule(**request))
        return e['Code'], e['Message']

    assert refused(ScheduleExpression='cron(0 2 * * *)') == (
        'ValidationException', 'Invalid Schedule Expression cron(0 2 * * *)')
    assert refused(ScheduleExpressionTimezone='Mars/Olympus') == ('ValidationException', 'Invalid time zone: '
                                                                                          'Mars/Olympus')
    assert refused(FlexibleTimeWindow={'Mode': 'FLEXIBLE', 'MaximumWindowInMinutes': 2000}) == (
        'ValidationException', "1 validation error detected: Value '2000' at 'flexibleTimeWindow."
                               "maximumWindowInMinutes' failed to satisfy constraint: Member must have value less "
                               'than or equal to 1440')
    assert refused(GroupName='nope') == ('ResourceNotFoundException', 'Schedule group nope does not exist.')
    scheduler.create_schedule(Name='s', ScheduleExpression='rate(5 minutes)', ScheduleExpressionTimezone='Europe/Paris',
                              FlexibleTimeWindow={'Mode': 'FLEXIBLE', 'MaximumWindowInMinutes': 15}, Target=target)
    assert error(lambda: scheduler.update_schedule(
        Name='s', ScheduleExpression='rate(5 fortnights)', FlexibleTimeWindow={'Mode': 'OFF'}, Target=target))[
        'Message'] == 'Invalid Schedule Expression rate(5 fortnights)'


def test_invoke_runs_the_ecs_target(aws):
    """POST /_berth/scheduler/invoke: RunTask as the schedule's target would be run; the container runner runs it."""
    cfn, ecs, logs = aws.client('cloudformation'), aws.client('ecs'), aws.client('logs')
    command = """          Command: ["sh", "-c", "echo backing up"]"""
    body = template().replace(command, command + """
          LogConfiguration:
            LogDriver: awslogs
            Options: {awslogs-group: /berth/backup, awslogs-region: us-east-1, awslogs-stream-prefix: backup,
                      awslogs-create-group: "true"}""")
    # An awsvpc task gets an interface in its subnet, which must exist (as on AWS).
    ec2 = aws.client('ec2')
    vpc = ec2.create_vpc(CidrBlock='10.9.0.0/16')['Vpc']['VpcId']
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock='10.9.1.0/24')['Subnet']['SubnetId']
    create(cfn, 'site', body.replace(SUBNET, subnet))
    record = aws.control('POST', '/_berth/scheduler/invoke', {'name': 'site-backup'})
    assert record['error'] is None and len(record['tasks']) == 1
    assert record['request']['launchType'] == 'FARGATE' and record['request']['count'] == 1
    assert record['request']['networkConfiguration'] == {'awsvpcConfiguration': {
        'subnets': [subnet], 'assignPublicIp': 'ENABLED'}}
    cluster = record['request']['cluster']
    deadline = time.monotonic() + 30
    while True:
        task = ecs.describe_tasks(cluster=cluster, tasks=record['tasks'])['tasks'][0]
        if task['lastStatus'] == 'STOPPED' or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert [(c['name'], c.get('exitCode')) for c in task['containers']] == [('backup', 0)]
    stream = f'backup/backup/{task["taskArn"].rsplit("/", 1)[-1]}'
    assert [e['message'] for e in logs.get_log_events(logGroupName='/berth/backup', logStreamName=stream)[
        'events']] == ['backing up']
    state = aws.control('GET', '/_berth/scheduler/state')
    assert [s['Name'] for s in state['schedules']] == ['site-backup'] and state['invocations'] == [record]
    with pytest.raises(Exception, match='404'):
        aws.control('POST', '/_berth/scheduler/invoke', {'name': 'missing'})
    aws.control('POST', '/_berth/reset-switches')
    assert aws.control('GET', '/_berth/scheduler/state')['invocations'] == []


ALARMS = """AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AlarmTopic:
    Type: AWS::SNS::Topic
  OtherTopic:
    Type: AWS::SNS::Topic
  AlarmTopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: TOPICS
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: events
            Effect: Allow
            Principal: {Service: [cloudwatch.amazonaws.com, events.amazonaws.com]}
            Action: sns:Publish
            Resource: !Ref AlarmTopic
            Condition: {StringEquals: {"aws:SourceAccount": !Ref "AWS::AccountId"}}
  BackupFailed:
    Type: AWS::Events::Rule
    Properties:
      Description: A backup task stopped with a failure
      EventPattern:
        source: [aws.ecs]
        detail-type: [ECS Task State Change]
        detail:
          lastStatus: [STOPPED]
          group: [PATTERN]
          $or:
            - containers:
                exitCode: [{anything-but: 0}]
            - stopCode: [TaskFailedToStart]
      Targets:
        - Arn: !Ref AlarmTopic
          Id: alarm-topic
Outputs:
  Policy: {Value: !Ref AlarmTopicPolicy}
  Rule: {Value: !GetAtt BackupFailed.Arn}
"""


def test_events_rule_with_pattern_and_topic_policy(aws):
    cfn, events, sns = aws.client('cloudformation'), aws.client('events'), aws.client('sns')

    def body(topics='[!Ref AlarmTopic, !Ref OtherTopic]', pattern='"family:site-backup"'):
        return ALARMS.replace('TOPICS', topics).replace('PATTERN', pattern)

    stack = create(cfn, 'alarms', body())
    assert stack['StackStatus'] == 'CREATE_COMPLETE'
    topics = {r['LogicalResourceId']: r['PhysicalResourceId']
              for r in cfn.list_stack_resources(StackName='alarms')['StackResourceSummaries']}
    policy_id = outputs(stack)['Policy']
    assert re.fullmatch(r'alarmtopicpolicy-[0-9a-z]{12}', policy_id) and topics['AlarmTopicPolicy'] == policy_id

    def policy(logical_id):
        return json.loads(sns.get_topic_attributes(TopicArn=topics[logical_id])['Attributes']['Policy'])

    for logical_id in ('AlarmTopic', 'OtherTopic'):
        assert policy(logical_id)['Statement'][0]['Sid'] == 'events'
        assert policy(logical_id)['Statement'][0]['Resource'] == topics['AlarmTopic']
    (rule,) = events.list_rules()['Rules']
    assert rule['Arn'] == outputs(stack)['Rule'] and rule['State'] == 'ENABLED'
    assert json.loads(rule['EventPattern']) == {
        'source': ['aws.ecs'], 'detail-type': ['ECS Task State Change'],
        'detail': {'lastStatus': ['STOPPED'], 'group': ['family:site-backup'],
                   '$or': [{'containers': {'exitCode': [{'anything-but': 0}]}}, {'stopCode': ['TaskFailedToStart']}]}}
    assert events.list_targets_by_rule(Rule=rule['Name'])['Targets'] == [{'Id': 'alarm-topic',
                                                                          'Arn': topics['AlarmTopic']}]

    # An update that drops a topic gives it SNS's default policy back; the rule's pattern changes in place.
    cfn.update_stack(StackName='alarms', TemplateBody=body(topics='[!Ref AlarmTopic]', pattern='"family:restore"'))
    assert settle(cfn, 'alarms')['StackStatus'] == 'UPDATE_COMPLETE'
    assert policy('AlarmTopic')['Statement'][0]['Sid'] == 'events'
    assert policy('OtherTopic')['Id'] == '__default_policy_ID'
    assert json.loads(events.list_rules()['Rules'][0]['EventPattern'])['detail']['group'] == ['family:restore']
    cfn.delete_stack(StackName='alarms')
    settle(cfn, stack['StackId'])
    assert events.list_rules()['Rules'] == [] and sns.list_topics()['Topics'] == []


def test_topic_policy_on_a_missing_topic_fails(aws):
    cfn = aws.client('cloudformation')
    body = """Resources:
  Policy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: ["arn:aws:sns:us-east-1:123456789012:missing"]
      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: "*", Action: "sns:Publish",
                                                          Resource: "*"}]}
"""
    stack = create(cfn, 'policy', body)
    assert stack['StackStatus'] == 'ROLLBACK_COMPLETE'
    ((_, reason),) = failures(cfn, 'policy')
    assert reason.startswith('Resource handler returned message: "Topic does not exist (Service: Sns, Status Code: ')
    assert reason.endswith('HandlerErrorCode: NotFound)')


def test_moved_moto_internals_stop_the_start():
    """moto's Scheduler losing what the patch calls stops the start (exit 3)."""
    script = ('import moto.scheduler.models as m\n'
              'del m.Schedule.to_dict\n'
              'from berth_emulator.backend import install_patches\n'
              'from berth_emulator.settings import Settings\n'
              'install_patches(Settings())\n')
    env = {**os.environ, 'PYTHONPATH': str(ROOT), 'BERTH_EMULATOR_ONLY': 'scheduler'}
    result = subprocess.run([sys.executable, '-c', script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env=env)
    assert result.returncode == 3, result.stderr
    assert 'scheduler: Schedule.to_dict is missing' in result.stderr
