"""CloudFormation patch (berth_emulator/patches/cloudformation.py), with boto3 against the running emulator:
change sets, updates, statuses over polls, the failure switch and template validation."""
import json
import urllib.error
import urllib.request

import botocore.exceptions
import pytest

NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set."
FAST = {'Delay': 0, 'MaxAttempts': 20}


def app_template(retention=7, suffix='app', topic='Berth alarms', audit=False, extra=''):
    """A log group named after the stack, a topic, an SSM parameter that refers to the log group, outputs."""
    audit_logs = """
  AuditLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 30""" if audit else ''
    return f"""AWSTemplateFormatVersion: "2010-09-09"
Description: Berth emulator test
Parameters:
  Retention:
    Type: Number
    Default: {retention}
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub "/berth/${{AWS::StackName}}/{suffix}"
      RetentionInDays: !Ref Retention
  Alarms:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: {topic}
  LogsName:
    Type: AWS::SSM::Parameter
    Properties:
      Name: !Sub "/berth/${{AWS::StackName}}/logs-name"
      Type: String
      Value: !Ref Logs{audit_logs}{extra}
Outputs:
  LogGroupName:
    Value: !Ref Logs
    Export:
      Name: !Sub "${{AWS::StackName}}-logs"
  TopicArn:
    Value: !Ref Alarms
"""


def stack(cfn, name):
    return cfn.describe_stacks(StackName=name)['Stacks'][0]


def settle(cfn, name):
    """Polls DescribeStacks until no operation runs; returns the stack."""
    for _ in range(20):
        found = stack(cfn, name)
        if not found['StackStatus'].endswith('_IN_PROGRESS'):
            return found
    raise AssertionError(f'{name} stays {found["StackStatus"]}')


def events(cfn, name):
    """(logical id, status, reason) of every stack event, oldest first."""
    return [(e['LogicalResourceId'], e['ResourceStatus'], e.get('ResourceStatusReason'))
            for e in reversed(cfn.describe_stack_events(StackName=name)['StackEvents'])]


def changes(cfn, change_set, stack_name):
    return {c['ResourceChange']['LogicalResourceId']: c['ResourceChange']
            for c in cfn.describe_change_set(ChangeSetName=change_set, StackName=stack_name)['Changes']}


def error_of(call):
    """(HTTP status, error code, message) of a call that must fail."""
    with pytest.raises(botocore.exceptions.ClientError) as info:
        call()
    response = info.value.response
    return response['ResponseMetadata']['HTTPStatusCode'], response['Error']['Code'], response['Error']['Message']


def control_error(aws, method, path, body):
    """(status, answer) of a control call that must fail."""
    request = urllib.request.Request(aws.url + path, data=json.dumps(body).encode(), method=method,
                                     headers={'Content-Type': 'application/json'})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)
    return info.value.code, json.loads(info.value.read())


def retention(aws, group):
    found = [g for g in aws.client('logs').describe_log_groups(logGroupNamePrefix=group)['logGroups']
             if g['logGroupName'] == group]
    return found[0].get('retentionInDays') if found else 'missing'


@pytest.fixture
def polls(aws):
    """Sets the polls of stack operations for one test, and puts the session's setting back."""
    before = aws.control('GET', '/_berth/cfn/state')['polls']
    yield lambda n: aws.control('POST', '/_berth/cfn/config', {'polls': n})
    aws.control('POST', '/_berth/cfn/config', {'polls': before})


def test_a_create_change_set_gives_what_create_stack_gives(aws):
    cfn = aws.client('cloudformation')
    tags = [{'Key': 'team', 'Value': 'ops'}]
    params = [{'ParameterKey': 'Retention', 'ParameterValue': '14'}]
    cfn.create_stack(StackName='direct', TemplateBody=app_template(), Parameters=params, Tags=tags)
    made = cfn.create_change_set(StackName='viacs', ChangeSetName='first', ChangeSetType='CREATE',
                                 TemplateBody=app_template(), Parameters=params, Tags=tags)
    assert stack(cfn, 'viacs')['StackStatus'] == 'REVIEW_IN_PROGRESS'
    cfn.get_waiter('change_set_create_complete').wait(ChangeSetName=made['Id'], WaiterConfig=FAST)
    planned = changes(cfn, 'first', 'viacs')
    assert {lid: c['Action'] for lid, c in planned.items()} == {'Logs': 'Add', 'Alarms': 'Add', 'LogsName': 'Add'}
    assert 'Replacement' not in planned['Logs'] and 'PhysicalResourceId' not in planned['Logs']

    cfn.execute_change_set(ChangeSetName='first', StackName='viacs')
    cfn.get_waiter('stack_create_complete').wait(StackName='viacs', WaiterConfig=FAST)
    cfn.get_waiter('stack_create_complete').wait(StackName='direct', WaiterConfig=FAST)
    via, direct = stack(cfn, 'viacs'), stack(cfn, 'direct')
    assert via['StackId'] == made['StackId']
    assert via['StackStatus'] == 'CREATE_COMPLETE'
    assert via['Parameters'] == direct['Parameters'] == params
    assert via['Tags'] == direct['Tags'] == tags
    assert via['Description'] == 'Berth emulator test'
    outputs = {o['OutputKey']: o for o in via['Outputs']}
    assert outputs['LogGroupName']['OutputValue'] == '/berth/viacs/app'
    assert outputs['LogGroupName']['ExportName'] == 'viacs-logs'
    assert {o['OutputKey'] for o in direct['Outputs']} == set(outputs)
    assert {e['Name']: e['Value'] for e in cfn.list_exports()['Exports']} == {
        'viacs-logs': '/berth/viacs/app', 'direct-logs': '/berth/direct/app'}
    assert ('Logs', 'CREATE_IN_PROGRESS', 'Resource creation Initiated') in events(cfn, 'viacs')
    assert [e[:2] for e in events(cfn, 'viacs') if e[0] == 'Alarms'] == [
        ('Alarms', 'CREATE_IN_PROGRESS'), ('Alarms', 'CREATE_IN_PROGRESS'), ('Alarms', 'CREATE_COMPLETE')]
    assert events(cfn, 'viacs')[-1] == ('viacs', 'CREATE_COMPLETE', None)
    assert retention(aws, '/berth/viacs/app') == 14
    assert cfn.get_template(StackName='viacs')['TemplateBody'] == app_template()
    assert cfn.describe_change_set(ChangeSetName=made['Id'])['ExecutionStatus'] == 'EXECUTE_COMPLETE'

    cfn.delete_stack(StackName='viacs')
    cfn.get_waiter('stack_delete_complete').wait(StackName='viacs', WaiterConfig=FAST)
    assert 'viacs-logs' not in {e['Name'] for e in cfn.list_exports()['Exports']}
    assert retention(aws, '/berth/viacs/app') == 'missing'
    assert stack(cfn, made['StackId'])['StackStatus'] == 'DELETE_COMPLETE'


def test_an_update_adds_modifies_replaces_and_removes_in_dependency_order(aws):
    cfn, ssm = aws.client('cloudformation'), aws.client('ssm')
    removable = """
  Scratch:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 1
  Kept:
    Type: AWS::Logs::LogGroup
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      LogGroupName: /berth/kept"""
    cfn.create_stack(StackName='app', TemplateBody=app_template(extra=removable))
    settle(cfn, 'app')
    scratch = cfn.describe_stack_resource(StackName='app', LogicalResourceId='Scratch')['StackResourceDetail']
    topic_arn = {o['OutputKey']: o['OutputValue'] for o in stack(cfn, 'app')['Outputs']}['TopicArn']

    new = app_template(suffix='prod', topic='Renamed alarms', audit=True)
    cfn.create_change_set(StackName='app', ChangeSetName='u1', ChangeSetType='UPDATE', TemplateBody=new,
                          Parameters=[{'ParameterKey': 'Retention', 'ParameterValue': '30'}])
    planned = changes(cfn, 'u1', 'app')
    logs = planned['Logs']
    assert (logs['Action'], logs['Replacement'], logs['PolicyAction']) == ('Modify', 'True', 'ReplaceAndDelete')
    assert logs['PhysicalResourceId'] == '/berth/app/app'
    assert logs['Scope'] == ['Properties']
    assert {(d['Target']['Name'], d['Target']['RequiresRecreation'], d['ChangeSource'], d.get('CausingEntity'))
            for d in logs['Details']} == {('LogGroupName', 'Always', 'DirectModification', None),
                                          ('RetentionInDays', 'Never', 'ParameterReference', 'Retention')}
    assert (planned['Alarms']['Action'], planned['Alarms']['Replacement']) == ('Modify', 'False')
    assert 'PolicyAction' not in planned['Alarms']
    # The parameter refers to the replaced log group: its value changes once the new one exists.
    referrer = planned['LogsName']
    assert (referrer['Replacement'], referrer['Details'][0]['Evaluation'], referrer['Details'][0]['ChangeSource'],
            referrer['Details'][0]['CausingEntity']) == ('False', 'Dynamic', 'ResourceReference', 'Logs')
    assert planned['AuditLogs']['Action'] == 'Add'
    assert (planned['Scratch']['Action'], planned['Scratch']['PolicyAction']) == ('Remove', 'Delete')
    assert (planned['Kept']['Action'], planned['Kept']['PolicyAction']) == ('Remove', 'Retain')
    assert planned['Scratch']['PhysicalResourceId'] == scratch['PhysicalResourceId']

    cfn.execute_change_set(ChangeSetName='u1', StackName='app')
    cfn.get_waiter('stack_update_complete').wait(StackName='app', WaiterConfig=FAST)
    after = stack(cfn, 'app')
    outputs = {o['OutputKey']: o['OutputValue'] for o in after['Outputs']}
    assert outputs == {'LogGroupName': '/berth/app/prod', 'TopicArn': topic_arn}  # the topic changed in place
    assert after['Parameters'] == [{'ParameterKey': 'Retention', 'ParameterValue': '30'}]
    assert {e['Name']: e['Value'] for e in cfn.list_exports()['Exports']} == {'app-logs': '/berth/app/prod'}
    assert retention(aws, '/berth/app/prod') == 30
    assert retention(aws, '/berth/app/app') == 'missing'               # the replaced original, deleted in cleanup
    assert retention(aws, scratch['PhysicalResourceId']) == 'missing'  # removed
    assert retention(aws, '/berth/kept') is None                       # removed, but retained
    value = ssm.get_parameter(Name=cfn.describe_stack_resource(
        StackName='app', LogicalResourceId='LogsName')['StackResourceDetail']['PhysicalResourceId'])
    assert value['Parameter']['Value'] == '/berth/app/prod'
    listed = {r['LogicalResourceId'] for r in cfn.list_stack_resources(StackName='app')['StackResourceSummaries']}
    assert listed == {'Logs', 'Alarms', 'LogsName', 'AuditLogs'}
    update = [e for e in events(cfn, 'app') if e[0] in ('app', 'Logs', 'Scratch', 'Kept')]
    update = update[update.index(('app', 'UPDATE_IN_PROGRESS', 'User Initiated')):]
    assert update == [
        ('app', 'UPDATE_IN_PROGRESS', 'User Initiated'),
        ('Logs', 'UPDATE_IN_PROGRESS', None),
        ('Logs', 'UPDATE_IN_PROGRESS', 'Requested update requires the creation of a new physical resource; hence '
                                       'creating one.'),
        ('Logs', 'UPDATE_COMPLETE', None),
        ('app', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', None),
        ('Logs', 'DELETE_IN_PROGRESS', None), ('Logs', 'DELETE_COMPLETE', None),
        ('Kept', 'DELETE_SKIPPED', None),
        ('Scratch', 'DELETE_IN_PROGRESS', None), ('Scratch', 'DELETE_COMPLETE', None),
        ('app', 'UPDATE_COMPLETE', None)]

    # update_stack: UsePreviousValue keeps the value in use; a changed Type is refused.
    cfn.update_stack(StackName='app', TemplateBody=app_template(suffix='prod', topic='Again', audit=True),
                     Parameters=[{'ParameterKey': 'Retention', 'UsePreviousValue': True}])
    assert settle(cfn, 'app')['Parameters'] == [{'ParameterKey': 'Retention', 'ParameterValue': '30'}]
    retyped = app_template(suffix='prod', audit=True).replace('Type: AWS::SNS::Topic', 'Type: AWS::SQS::Queue') \
        .replace('DisplayName: Berth alarms', 'DelaySeconds: 1')
    status, code, message = error_of(lambda: cfn.update_stack(StackName='app', TemplateBody=retyped))
    assert (status, code) == (400, 'ValidationError')
    assert message.startswith('Update of resource type is not permitted.') and '[Alarms]' in message


def test_replacing_a_custom_named_resource_fails_and_rolls_back(aws):
    cfn, iam = aws.client('cloudformation'), aws.client('iam')

    def template(path):
        return f"""Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app-task
      Path: {path}
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {{Service: ecs-tasks.amazonaws.com}}
            Action: sts:AssumeRole
"""
    cfn.create_stack(StackName='named', TemplateBody=template('/'))
    settle(cfn, 'named')
    cfn.update_stack(StackName='named', TemplateBody=template('/svc/'))
    final = settle(cfn, 'named')
    assert final['StackStatus'] == 'UPDATE_ROLLBACK_COMPLETE'
    assert final['StackStatusReason'] == 'The following resource(s) failed to update: [Role]. '
    assert [e for e in events(cfn, 'named') if e[1] == 'UPDATE_FAILED'] == [
        ('Role', 'UPDATE_FAILED', 'CloudFormation cannot update a stack when a custom-named resource requires '
                                  'replacing. Rename app-task and update the stack again.')]
    assert iam.get_role(RoleName='app-task')['Role']['Path'] == '/'
    assert cfn.get_template(StackName='named')['TemplateBody'] == template('/')


def test_a_change_set_without_changes_fails_and_update_stack_says_so(aws):
    cfn = aws.client('cloudformation')
    cfn.create_stack(StackName='same', TemplateBody=app_template())
    settle(cfn, 'same')
    # The default is the value in use: the same resolved parameters, so no change.
    cfn.create_change_set(StackName='same', ChangeSetName='none', ChangeSetType='UPDATE', TemplateBody=app_template(),
                          Parameters=[{'ParameterKey': 'Retention', 'ParameterValue': '7'}])
    described = cfn.describe_change_set(ChangeSetName='none', StackName='same')
    assert (described['Status'], described['ExecutionStatus'], described['StatusReason'], described['Changes']) == \
        ('FAILED', 'UNAVAILABLE', NO_CHANGES, [])
    with pytest.raises(botocore.exceptions.WaiterError):
        cfn.get_waiter('change_set_create_complete').wait(ChangeSetName='none', StackName='same', WaiterConfig=FAST)
    status, code, message = error_of(lambda: cfn.execute_change_set(ChangeSetName='none', StackName='same'))
    assert (status, code) == (400, 'InvalidChangeSetStatus')
    assert message.endswith('cannot be executed in its current status of [FAILED]')
    assert error_of(lambda: cfn.update_stack(StackName='same', TemplateBody=app_template())) == \
        (400, 'ValidationError', 'No updates are to be performed.')
    # Another tag is a change, though no resource changes.
    cfn.create_change_set(StackName='same', ChangeSetName='tagged', ChangeSetType='UPDATE',
                          TemplateBody=app_template(), Tags=[{'Key': 'owner', 'Value': 'ops'}])
    tagged = cfn.describe_change_set(ChangeSetName='tagged', StackName='same')
    assert (tagged['Status'], tagged['Changes']) == ('CREATE_COMPLETE', [])


def test_execute_change_set_checks_the_change_set_and_the_stack(aws):
    cfn = aws.client('cloudformation')
    cfn.create_change_set(StackName='checked', ChangeSetName='c1', ChangeSetType='CREATE', TemplateBody=app_template())
    # A second CREATE change set joins the stack in review; a name in use is refused.
    cfn.create_change_set(StackName='checked', ChangeSetName='c0', ChangeSetType='CREATE', TemplateBody=app_template())
    assert error_of(lambda: cfn.create_change_set(StackName='checked', ChangeSetName='c1', ChangeSetType='CREATE',
                                                  TemplateBody=app_template()))[:2] == (400, 'AlreadyExistsException')
    cfn.execute_change_set(ChangeSetName='c1', StackName='checked')
    settle(cfn, 'checked')
    assert error_of(lambda: cfn.describe_change_set(ChangeSetName='c0', StackName='checked'))[:2] == \
        (404, 'ChangeSetNotFound')  # executing c1 deleted the stack's other change sets
    status, code, message = error_of(lambda: cfn.execute_change_set(ChangeSetName='c1', StackName='checked'))
    assert (status, code) == (400, 'InvalidChangeSetStatus')
    assert message.endswith('current execution status of [EXECUTE_COMPLETE]')
    assert error_of(lambda: cfn.execute_change_set(ChangeSetName='nope', StackName='checked')) == \
        (404, 'ChangeSetNotFound', 'ChangeSet [nope] does not exist')
    assert error_of(lambda: cfn.describe_change_set(ChangeSetName='c1')) == \
        (400, 'ValidationError', 'StackName must be specified if ChangeSetName is not specified as an ARN.')
    assert error_of(lambda: cfn.create_change_set(StackName='checked', ChangeSetName='again', ChangeSetType='CREATE',
                                                  TemplateBody=app_template())) == \
        (400, 'ValidationError', 'Stack [checked] already exists and cannot be created again with the changeSet [again].')
    assert error_of(lambda: cfn.create_stack(StackName='checked', TemplateBody=app_template()))[:2] == \
        (400, 'AlreadyExistsException')
    # Executing one change set deletes the others; listing shows only this stack's.
    for name, days in (('c3', 14), ('c4', 30)):
        cfn.create_change_set(StackName='checked', ChangeSetName=name, ChangeSetType='UPDATE',
                              TemplateBody=app_template(retention=days))
    cfn.create_change_set(StackName='other', ChangeSetName='c9', ChangeSetType='CREATE', TemplateBody=app_template())
    assert [s['ChangeSetName'] for s in cfn.list_change_sets(StackName='checked')['Summaries']] == ['c1', 'c3', 'c4']
    cfn.execute_change_set(ChangeSetName='c4', StackName='checked')
    assert settle(cfn, 'checked')['StackStatus'] == 'UPDATE_COMPLETE'
    assert [s['ChangeSetName'] for s in cfn.list_change_sets(StackName='checked')['Summaries']] == ['c4']
    # update_stack outdates the change sets made before it.
    cfn.create_change_set(StackName='checked', ChangeSetName='c5', ChangeSetType='UPDATE',
                          TemplateBody=app_template(retention=60))
    cfn.update_stack(StackName='checked', TemplateBody=app_template(retention=90))
    settle(cfn, 'checked')
    assert cfn.describe_change_set(ChangeSetName='c5', StackName='checked')['ExecutionStatus'] == 'OBSOLETE'


def test_resources_whose_condition_is_false_are_not_listed(aws):
    cfn = aws.client('cloudformation')
    template = """Parameters:
  WithQueue: {Type: String, Default: "no", AllowedValues: ["yes", "no"]}
Conditions:
  Queue: !Equals [!Ref WithQueue, "yes"]
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
  Jobs:
    Type: AWS::SQS::Queue
    Condition: Queue
"""
    cfn.create_change_set(StackName='cond', ChangeSetName='c1', ChangeSetType='CREATE', TemplateBody=template)
    assert set(changes(cfn, 'c1', 'cond')) == {'Logs'}
    cfn.execute_change_set(ChangeSetName='c1', StackName='cond')
    settle(cfn, 'cond')
    summaries = cfn.list_stack_resources(StackName='cond')['StackResourceSummaries']
    assert [(r['LogicalResourceId'], r['ResourceType']) for r in summaries] == [('Logs', 'AWS::Logs::LogGroup')]
    cfn.create_change_set(StackName='cond', ChangeSetName='c2', ChangeSetType='UPDATE', TemplateBody=template,
                          Parameters=[{'ParameterKey': 'WithQueue', 'ParameterValue': 'yes'}])
    assert {lid: c['Action'] for lid, c in changes(cfn, 'c2', 'cond').items()} == {'Jobs': 'Add'}


def test_a_replaced_task_definition_is_deregistered(aws):
    cfn, ecs = aws.client('cloudformation'), aws.client('ecs')

    def template(image):
        return f"""Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: "256"
      Memory: "512"
      ContainerDefinitions:
        - Name: web
          Image: {image}
          Essential: true
Outputs:
  Task:
    Value: !Ref Task
"""
    cfn.create_stack(StackName='tasks', TemplateBody=template('nginx:1.26'))
    first = {o['OutputKey']: o['OutputValue'] for o in settle(cfn, 'tasks')['Outputs']}['Task']
    cfn.update_stack(StackName='tasks', TemplateBody=template('nginx:1.27'))
    second = {o['OutputKey']: o['OutputValue'] for o in settle(cfn, 'tasks')['Outputs']}['Task']
    assert second != first and second.endswith('web:2')
    assert ecs.describe_task_definition(taskDefinition=first)['taskDefinition']['status'] == 'INACTIVE'
    assert ecs.describe_task_definition(taskDefinition=second)['taskDefinition']['status'] == 'ACTIVE'
    stack_id = stack(cfn, 'tasks')['StackId']
    cfn.delete_stack(StackName='tasks')
    assert settle(cfn, stack_id)['StackStatus'] == 'DELETE_COMPLETE'
    assert ecs.describe_task_definition(taskDefinition=second)['taskDefinition']['status'] == 'INACTIVE'


def test_operations_show_in_progress_for_the_configured_polls(aws, polls):
    cfn = aws.client('cloudformation')
    polls(2)
    stack_id = cfn.create_stack(StackName='slow', TemplateBody=app_template())['StackId']
    assert aws.control('GET', '/_berth/cfn/state')['inProgress'] == [
        {'stackName': 'slow', 'stackId': stack_id, 'shown': 'CREATE_IN_PROGRESS', 'final': 'CREATE_COMPLETE',
         'pollsLeft': 2}]
    assert cfn.describe_stacks()['Stacks'][0]['StackStatus'] == 'CREATE_IN_PROGRESS'  # a list counts no poll
    assert error_of(lambda: cfn.update_stack(StackName='slow', TemplateBody=app_template(retention=14))) == \
        (400, 'ValidationError', f'Stack:{stack_id} is in CREATE_IN_PROGRESS state and can not be updated.')
    seen = [stack(cfn, 'slow') for _ in range(3)]
    assert [s['StackStatus'] for s in seen] == ['CREATE_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE']
    assert ['Outputs' in s for s in seen] == [False, False, True]
    assert events(cfn, 'slow')[-1] == ('slow', 'CREATE_COMPLETE', None)

    cfn.create_change_set(StackName='slow', ChangeSetName='u1', ChangeSetType='UPDATE',
                          TemplateBody=app_template(retention=14))
    cfn.execute_change_set(ChangeSetName='u1', StackName='slow')
    assert cfn.describe_change_set(ChangeSetName='u1', StackName='slow')['ExecutionStatus'] == 'EXECUTE_IN_PROGRESS'
    assert error_of(lambda: cfn.delete_stack(StackName='slow')) == \
        (400, 'ValidationError', f'Stack [{stack_id}] cannot be deleted while in status UPDATE_IN_PROGRESS')
    assert error_of(lambda: cfn.delete_change_set(ChangeSetName='u1', StackName='slow'))[:2] == \
        (400, 'InvalidChangeSetStatus')
    cfn.get_waiter('stack_update_complete').wait(StackName='slow', WaiterConfig=FAST)
    assert cfn.describe_change_set(ChangeSetName='u1', StackName='slow')['ExecutionStatus'] == 'EXECUTE_COMPLETE'

    cfn.delete_stack(StackName='slow')
    cfn.delete_stack(StackName='slow')  # a delete in progress: nothing more to do
    assert [stack(cfn, 'slow')['StackStatus'], stack(cfn, stack_id)['StackStatus']] == \
        ['DELETE_IN_PROGRESS', 'DELETE_IN_PROGRESS']
    assert error_of(lambda: cfn.create_stack(StackName='slow', TemplateBody=app_template()))[1] == \
        'AlreadyExistsException'
    assert stack(cfn, stack_id)['StackStatus'] == 'DELETE_COMPLETE'
    assert error_of(lambda: stack(cfn, 'slow'))[2] == 'Stack with id slow does not exist'

    # A stack in review has nothing to delete: it is gone at once.
    made = cfn.create_change_set(StackName='review', ChangeSetName='c1', ChangeSetType='CREATE',
                                 TemplateBody=app_template())
    cfn.delete_stack(StackName=made['StackId'])
    assert error_of(lambda: stack(cfn, 'review'))[1] == 'ValidationError'

    # Deleting a stack whose create is still shown in progress: the create ends, then the delete runs.
    doomed = cfn.create_stack(StackName='doomed', TemplateBody=app_template())['StackId']
    cfn.delete_stack(StackName='doomed')
    assert [e[1] for e in events(cfn, doomed) if e[0] == 'doomed'] == \
        ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'DELETE_IN_PROGRESS']
    assert settle(cfn, doomed)['StackStatus'] == 'DELETE_COMPLETE'

    polls(0)
    cfn.create_stack(StackName='quick', TemplateBody=app_template())
    assert stack(cfn, 'quick')['StackStatus'] == 'CREATE_COMPLETE'
    cfn.update_stack(StackName='quick', TemplateBody=app_template(retention=14))
    assert stack(cfn, 'quick')['StackStatus'] == 'UPDATE_COMPLETE'


def test_fail_next_on_create_rolls_the_stack_back(aws):
    cfn = aws.client('cloudformation')
    aws.control('POST', '/_berth/cfn/fail-next', {'logicalId': 'Alarms', 'reason': 'Topic quota exceeded'})
    aws.control('POST', '/_berth/cfn/fail-next', {'logicalId': 'Elsewhere'})
    stack_id = cfn.create_stack(StackName='broken', TemplateBody=app_template())['StackId']
    assert stack(cfn, 'broken')['StackStatus'] == 'ROLLBACK_IN_PROGRESS'
    with pytest.raises(botocore.exceptions.WaiterError):
        cfn.get_waiter('stack_create_complete').wait(StackName='broken', WaiterConfig=FAST)
    final = stack(cfn, 'broken')
    why = 'The following resource(s) failed to create: [Alarms]. Rollback requested by user.'
    assert (final['StackStatus'], final['StackStatusReason']) == ('ROLLBACK_COMPLETE', why)
    assert 'Outputs' not in final
    assert events(cfn, 'broken')[1:] == [
        ('Logs', 'CREATE_IN_PROGRESS', None), ('Logs', 'CREATE_IN_PROGRESS', 'Resource creation Initiated'),
        ('Logs', 'CREATE_COMPLETE', None),
        ('Alarms', 'CREATE_IN_PROGRESS', None), ('Alarms', 'CREATE_FAILED', 'Topic quota exceeded'),
        ('broken', 'ROLLBACK_IN_PROGRESS', why),
        ('Logs', 'DELETE_IN_PROGRESS', None), ('Logs', 'DELETE_COMPLETE', None),
        ('Alarms', 'DELETE_COMPLETE', None),
        ('broken', 'ROLLBACK_COMPLETE', None)]
    assert retention(aws, '/berth/broken/app') == 'missing'
    assert cfn.list_stack_resources(StackName='broken')['StackResourceSummaries'] == []
    assert cfn.list_exports()['Exports'] == []
    assert error_of(lambda: cfn.update_stack(StackName='broken', TemplateBody=app_template(retention=14)))[2] == \
        f'Stack:{stack_id} is in ROLLBACK_COMPLETE state and can not be updated.'
    assert error_of(lambda: cfn.create_stack(StackName='broken', TemplateBody=app_template()))[1] == \
        'AlreadyExistsException'
    # The other switch names a resource nothing touched: still armed.
    assert [f['logicalId'] for f in aws.control('GET', '/_berth/cfn/state')['failNext']] == ['Elsewhere']
    cfn.delete_stack(StackName='broken')
    cfn.get_waiter('stack_delete_complete').wait(StackName='broken', WaiterConfig=FAST)
    cfn.create_stack(StackName='broken', TemplateBody=app_template())
    assert settle(cfn, 'broken')['StackStatus'] == 'CREATE_COMPLETE'


def test_fail_next_on_update_applies_nothing(aws):
    cfn = aws.client('cloudformation')
    cfn.create_stack(StackName='steady', TemplateBody=app_template())
    settle(cfn, 'steady')
    before = stack(cfn, 'steady')
    aws.control('POST', '/_berth/cfn/fail-next', {'logicalId': 'Logs', 'reason': 'Retention cannot change today',
                                                 'stackName': 'steady'})
    cfn.create_change_set(StackName='steady', ChangeSetName='u1', ChangeSetType='UPDATE',
                          TemplateBody=app_template(retention=14, topic='Other', audit=True))
    cfn.execute_change_set(ChangeSetName='u1', StackName='steady')
    assert stack(cfn, 'steady')['StackStatus'] == 'UPDATE_ROLLBACK_IN_PROGRESS'
    with pytest.raises(botocore.exceptions.WaiterError):
        cfn.get_waiter('stack_update_complete').wait(StackName='steady', WaiterConfig=FAST)
    after = stack(cfn, 'steady')
    assert after['StackStatus'] == 'UPDATE_ROLLBACK_COMPLETE'
    assert after['Outputs'] == before['Outputs'] and after['Parameters'] == before['Parameters']
    assert cfn.describe_change_set(ChangeSetName='u1', StackName='steady')['ExecutionStatus'] == 'EXECUTE_FAILED'
    update = events(cfn, 'steady')
    update = update[update.index(('steady', 'UPDATE_IN_PROGRESS', 'User Initiated')):]
    assert update == [
        ('steady', 'UPDATE_IN_PROGRESS', 'User Initiated'),
        ('Logs', 'UPDATE_IN_PROGRESS', None), ('Logs', 'UPDATE_FAILED', 'Retention cannot change today'),
        ('steady', 'UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [Logs]. '),
        ('steady', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', None),
        ('steady', 'UPDATE_ROLLBACK_COMPLETE', None)]
    assert retention(aws, '/berth/steady/app') == 7
    assert cfn.get_template(StackName='steady')['TemplateBody'] == app_template()
    assert {r['LogicalResourceId'] for r in cfn.list_stack_resources(StackName='steady')['StackResourceSummaries']} \
        == {'Logs', 'Alarms', 'LogsName'}

    # A new resource that fails is CREATE_FAILED; the changes before it roll back.
    aws.control('POST', '/_berth/cfn/fail-next', {'logicalId': 'AuditLogs'})
    cfn.update_stack(StackName='steady', TemplateBody=app_template(retention=14, audit=True))
    assert settle(cfn, 'steady')['StackStatus'] == 'UPDATE_ROLLBACK_COMPLETE'
    failed = [e for e in events(cfn, 'steady') if e[1].endswith('_FAILED')]
    assert failed[-1] == ('AuditLogs', 'CREATE_FAILED', 'Resource creation cancelled')
    assert retention(aws, '/berth/steady/app') == 7
    # The stack takes the same update afterwards.
    cfn.update_stack(StackName='steady', TemplateBody=app_template(retention=14, audit=True))
    assert settle(cfn, 'steady')['StackStatus'] == 'UPDATE_COMPLETE'
    assert retention(aws, '/berth/steady/app') == 14


def test_templates_that_cfn_lint_rejects_create_nothing(aws):
    cfn, s3 = aws.client('cloudformation'), aws.client('s3')
    bad = app_template().replace('RetentionInDays: !Ref Retention', 'RetentionInDays: !Ref Retention\n      Colour: red')
    status, code, message = error_of(lambda: cfn.create_stack(StackName='bad', TemplateBody=bad))
    assert (status, code) == (400, 'ValidationError')
    assert message.startswith("Template format error: E3002 Additional properties are not allowed ('Colour' was "
                              "unexpected) (at Resources/Logs/Properties/Colour)")
    assert not [s for s in cfn.list_stacks()['StackSummaries'] if s['StackName'] == 'bad']
    assert error_of(lambda: cfn.create_stack(StackName='bad', TemplateBody='Resources:\n  A: [\n'))[2].startswith(
        'Template format error: YAML not well-formed. (line ')
    many = 'Resources:\n' + ''.join(f'  G{i}:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      Bad{i}: 1\n'
                                    for i in range(7))
    assert error_of(lambda: cfn.create_stack(StackName='bad', TemplateBody=many))[2].endswith('(and 2 more)')
    assert error_of(lambda: cfn.create_change_set(StackName='new', ChangeSetName='x', ChangeSetType='CREATE',
                                                  TemplateBody=bad))[1] == 'ValidationError'
    assert not [s for s in cfn.list_stacks()['StackSummaries'] if s['StackName'] == 'new']
    s3.create_bucket(Bucket='templates')
    s3.put_object(Bucket='templates', Key='bad.yaml', Body=bad.encode())
    url = 'https://s3.us-east-1.amazonaws.com/templates/bad.yaml'
    assert 'E3002' in error_of(lambda: cfn.create_stack(StackName='bad', TemplateURL=url))[2]

    cfn.create_stack(StackName='good', TemplateBody=app_template())
    settle(cfn, 'good')
    assert 'E3002' in error_of(lambda: cfn.update_stack(StackName='good', TemplateBody=bad))[2]
    assert 'E3002' in error_of(lambda: cfn.create_change_set(StackName='good', ChangeSetName='x',
                                                             ChangeSetType='UPDATE', TemplateBody=bad))[2]
    assert settle(cfn, 'good')['StackStatus'] == 'CREATE_COMPLETE'
    # Fn::Join over Fn::GetAZs passes (cfn-lint issue #4674), in another region too.
    azs = app_template() + '  Zones:\n    Value: !Join [",", !GetAZs ""]\n'
    aws.client('cloudformation', region='eu-west-1').create_stack(StackName='zones', TemplateBody=azs)
    # Ignored rules pass.
    aws.control('POST', '/_berth/cfn/config', {'lintIgnore': ['E3002']})
    try:
        cfn.create_stack(StackName='tolerated', TemplateBody=bad)
    finally:
        aws.control('POST', '/_berth/cfn/config', {'lintIgnore': []})


def test_reset_disarms_the_switches_and_the_control_api_checks_its_input(aws):
    aws.control('POST', '/_berth/cfn/fail-next', {'logicalId': 'Logs'})
    assert len(aws.control('GET', '/_berth/state')['patches']['cloudformation']['failNext']) == 1
    aws.control('POST', '/moto-api/reset')
    state = aws.control('GET', '/_berth/cfn/state')
    assert state['failNext'] == [] and state['inProgress'] == [] and state['polls'] == 1
    cfn = aws.client('cloudformation')
    cfn.create_stack(StackName='calm', TemplateBody=app_template())
    assert settle(cfn, 'calm')['StackStatus'] == 'CREATE_COMPLETE'
    assert control_error(aws, 'POST', '/_berth/cfn/fail-next', {'reason': 'x'})[0] == 400
    assert control_error(aws, 'POST', '/_berth/cfn/config', {'polls': -1})[0] == 400
    assert control_error(aws, 'POST', '/_berth/cfn/nothing', {})[0] == 404


def test_a_stack_with_its_own_network_is_deleted_completely(aws):
    cfn, ec2 = aws.client('cloudformation'), aws.client('ec2')
    template = """Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.80.0.0/16}
  Gateway:
    Type: AWS::EC2::InternetGateway
  Attachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref VPC, InternetGatewayId: !Ref Gateway}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref VPC, CidrBlock: 10.80.0.0/24, AvailabilityZone: !Select [0, !GetAZs ""]}
  Routes:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref VPC}
  DefaultRoute:
    Type: AWS::EC2::Route
    DependsOn: Attachment
    Properties: {RouteTableId: !Ref Routes, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Gateway}
  SubnetRoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref Routes}
Outputs:
  Vpc:
    Value: !Ref VPC
"""
    stack_id = cfn.create_stack(StackName='network', TemplateBody=template)['StackId']
    vpc = settle(cfn, 'network')['Outputs'][0]['OutputValue']
    cfn.delete_stack(StackName='network')
    cfn.get_waiter('stack_delete_complete').wait(StackName='network', WaiterConfig=FAST)
    assert vpc not in {v['VpcId'] for v in ec2.describe_vpcs()['Vpcs']}
    assert not ec2.describe_internet_gateways(Filters=[{'Name': 'attachment.vpc-id', 'Values': [vpc]}])[
        'InternetGateways']
    deleted = [e[0] for e in events(cfn, stack_id) if e[1] == 'DELETE_COMPLETE']
    # Newest first: the reverse of the order they were created in.
    assert deleted == ['SubnetRoutes', 'DefaultRoute', 'Routes', 'Subnet', 'Attachment', 'Gateway', 'VPC', 'network']


def test_a_list_parameter_reads_back_as_it_was_given(aws):
    """DescribeStacks shows `List<...>` values comma-separated, as sent; a client comparing a stack's parameters
    with the ones it would send must see no difference."""
    cfn = aws.client('cloudformation')
    body = ('{"Parameters": {"Names": {"Type": "CommaDelimitedList"}, "One": {"Type": "String"}},'
            ' "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}')
    cfn.create_stack(StackName='listed', TemplateBody=body, Parameters=[
        {'ParameterKey': 'Names', 'ParameterValue': 'subnet-a,subnet-b'}, {'ParameterKey': 'One', 'ParameterValue': 'x'}])
    settle(cfn, 'listed')
    parameters = {p['ParameterKey']: p['ParameterValue'] for p in cfn.describe_stacks(StackName='listed')['Stacks'][0]['Parameters']}
    assert parameters == {'Names': 'subnet-a,subnet-b', 'One': 'x'}
