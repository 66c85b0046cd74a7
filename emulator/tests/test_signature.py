"""Signature Version 4 is checked as AWS checks it, and refused with AWS's code per protocol."""
import datetime
import unittest.mock
import urllib.error
import urllib.request

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.config
import botocore.credentials
import botocore.exceptions
import pytest

NO_RETRY = botocore.config.Config(retries={'total_max_attempts': 1, 'mode': 'standard'})


def client(aws, service, secret='testing', key='testing', token=None):
    return boto3.client(service, endpoint_url=aws.url, region_name='us-east-1', aws_access_key_id=key,
                        aws_secret_access_key=secret, aws_session_token=token, config=NO_RETRY)


@pytest.mark.parametrize('service,call,code', [
    ('sts', lambda c: c.get_caller_identity(), 'SignatureDoesNotMatch'),
    ('ecs', lambda c: c.list_clusters(), 'InvalidSignatureException'),
    ('ec2', lambda c: c.describe_vpcs(), 'SignatureDoesNotMatch'),
    ('s3', lambda c: c.list_buckets(), 'SignatureDoesNotMatch'),
    ('efs', lambda c: c.describe_file_systems(), 'InvalidSignatureException'),
])
def test_a_wrong_secret_is_refused_in_each_protocol(aws, service, call, code):
    with pytest.raises(botocore.exceptions.ClientError) as error:
        call(client(aws, service, secret='wrong'))
    assert error.value.response['Error']['Code'] == code
    assert error.value.response['ResponseMetadata']['HTTPStatusCode'] == 403
    record = aws.control('GET', '/_berth/requests')[-1]
    assert (record['auth'], record['forwarded']) == ('signature', False)
    assert aws.control('GET', '/_berth/stats')['refused'] == 1


def test_signed_requests_of_every_protocol_pass(aws):
    client(aws, 'sts').get_caller_identity()
    client(aws, 'ecs').list_clusters()
    client(aws, 'ec2').describe_vpcs()
    s3 = client(aws, 's3')
    s3.create_bucket(Bucket='signed-bucket')
    s3.put_object(Bucket='signed-bucket', Key='a b/ü+x.txt', Body=b'data')
    assert s3.get_object(Bucket='signed-bucket', Key='a b/ü+x.txt')['Body'].read() == b'data'
    client(aws, 'efs').describe_file_systems()
    client(aws, 'logs').describe_log_groups(logGroupNamePrefix='/a b')
    assert {r['auth'] for r in aws.control('GET', '/_berth/requests')} == {'ok'}


def test_an_unknown_key_and_a_wrong_token_are_refused(aws):
    with pytest.raises(botocore.exceptions.ClientError) as error:
        client(aws, 'sts', key='AKIDUNKNOWN').get_caller_identity()
    assert error.value.response['Error']['Code'] == 'InvalidClientTokenId'
    with pytest.raises(botocore.exceptions.ClientError) as error:
        client(aws, 'ecs', key='AKIDUNKNOWN').list_clusters()
    assert error.value.response['Error']['Code'] == 'UnrecognizedClientException'


def test_a_body_changed_after_signing_is_refused(aws):
    request = botocore.awsrequest.AWSRequest(
        method='POST', url=aws.url + '/', data=b'{}',
        headers={'X-Amz-Target': 'AmazonEC2ContainerServiceV20141113.ListClusters',
                 'Content-Type': 'application/x-amz-json-1.1'})
    botocore.auth.SigV4Auth(botocore.credentials.Credentials('testing', 'testing'), 'ecs', 'us-east-1').add_auth(request)
    prepared = request.prepare()
    tampered = urllib.request.Request(aws.url + '/', data=b'{"maxResults": 1}', method='POST', headers=dict(prepared.headers))
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(tampered)
    assert error.value.code == 403 and error.value.headers['x-amzn-ErrorType'] == 'InvalidSignatureException'


def test_a_clock_off_by_more_than_fifteen_minutes_is_refused(aws):
    request = botocore.awsrequest.AWSRequest(method='POST', url=aws.url + '/', data=b'Action=GetCallerIdentity&Version=2011-06-15',
                                             headers={'Content-Type': 'application/x-www-form-urlencoded'})
    signer = botocore.auth.SigV4Auth(botocore.credentials.Credentials('testing', 'testing'), 'sts', 'us-east-1')
    past = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=20)
    with unittest.mock.patch('botocore.auth.get_current_datetime', lambda: past):
        signer.add_auth(request)
    prepared = request.prepare()
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(urllib.request.Request(aws.url + '/', data=prepared.body, method='POST', headers=dict(prepared.headers)))
    assert error.value.code == 403 and b'Signature expired' in error.value.read()


def test_a_missing_signature_is_refused(aws):
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(urllib.request.Request(aws.url + '/', data=b'Action=GetCallerIdentity&Version=2011-06-15',
                                                      method='POST', headers={'Content-Type': 'application/x-www-form-urlencoded'}))
    assert error.value.code == 403 and b'MissingAuthenticationToken' in error.value.read()


def test_presigned_urls_pass_and_tampered_ones_do_not(aws):
    s3 = boto3.client('s3', endpoint_url=aws.url, region_name='us-east-1', aws_access_key_id='testing',
                      aws_secret_access_key='testing', config=botocore.config.Config(signature_version='s3v4'))
    s3.create_bucket(Bucket='presigned-bucket')
    s3.put_object(Bucket='presigned-bucket', Key='k', Body=b'hello')
    url = s3.generate_presigned_url('get_object', Params={'Bucket': 'presigned-bucket', 'Key': 'k'}, ExpiresIn=60)
    assert urllib.request.urlopen(url).read() == b'hello'
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(url.replace('/k?', '/other?'))
    assert error.value.code == 403


def test_session_tokens_are_checked_when_the_key_has_one(aws):
    from conftest import start, stop
    front = start('--upstream', aws.url, '--cred', 'ASIATEMP:secret:token-1')
    try:
        # The front forwards to the session's emulator, which knows only testing:testing; so the
        # call passes this front's check and is then refused upstream for the unknown key.
        with pytest.raises(botocore.exceptions.ClientError) as error:
            boto3.client('sts', endpoint_url=front.url, region_name='us-east-1', aws_access_key_id='ASIATEMP',
                         aws_secret_access_key='secret', aws_session_token='token-2', config=NO_RETRY).get_caller_identity()
        assert error.value.response['Error']['Code'] == 'InvalidClientTokenId'
        assert front.control('GET', '/_berth/requests')[-1]['auth'] == 'bad-token'
        with pytest.raises(botocore.exceptions.ClientError):
            boto3.client('sts', endpoint_url=front.url, region_name='us-east-1', aws_access_key_id='ASIATEMP',
                         aws_secret_access_key='secret', aws_session_token='token-1', config=NO_RETRY).get_caller_identity()
        assert front.control('GET', '/_berth/requests')[-1]['auth'] == 'ok'
    finally:
        stop(front)
