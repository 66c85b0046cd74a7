"""KMS keys in templates (patch kms-cfn-tags): Tags written as CloudFormation writes them."""
import json

TEMPLATE = {
    'Resources': {
        'Key': {
            'Type': 'AWS::KMS::Key',
            'Properties': {
                'Description': 'alarm topic key', 'EnableKeyRotation': True,
                'KeyPolicy': {'Version': '2012-10-17', 'Statement': [{
                    'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::123456789012:root'}, 'Action': 'kms:*',
                    'Resource': '*'}]},
                'Tags': [{'Key': 'berth:project', 'Value': 'shop'}],
            },
        },
    },
    'Outputs': {'KeyArn': {'Value': {'Fn::GetAtt': ['Key', 'Arn']}}},
}


def test_a_key_with_tags_is_created_and_keeps_them(aws):
    cfn = aws.client('cloudformation')
    cfn.create_stack(StackName='keys', TemplateBody=json.dumps(TEMPLATE))
    for _ in range(20):
        stack = cfn.describe_stacks(StackName='keys')['Stacks'][0]
        if not stack['StackStatus'].endswith('_IN_PROGRESS'):
            break
    assert stack['StackStatus'] == 'CREATE_COMPLETE', stack.get('StackStatusReason')
    arn = stack['Outputs'][0]['OutputValue']
    kms = aws.client('kms')
    assert kms.list_resource_tags(KeyId=arn)['Tags'] == [{'TagKey': 'berth:project', 'TagValue': 'shop'}]
    assert kms.get_key_rotation_status(KeyId=arn)['KeyRotationEnabled'] is True
