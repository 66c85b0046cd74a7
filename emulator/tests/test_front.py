"""The front: counters, the request log, control API, and seeded faults in each AWS protocol."""
import botocore.config
import botocore.exceptions
import pytest

from conftest import start, stop

NO_RETRY = botocore.config.Config(retries={'total_max_attempts': 1, 'mode': 'standard'}, connect_timeout=5, read_timeout=10)


def test_counts_reads_and_writes_per_operation(aws):
    ecs = aws.client('ecs')
    ecs.list_clusters()
    ecs.create_cluster(clusterName='c')
    aws.client('efs').describe_file_systems()
    stats = aws.control('GET', '/_berth/stats')
    assert (stats['total'], stats['mutating'], stats['reads']) == (3, 1, 2)
    assert stats['by_operation']['ecs:CreateCluster'] == {'count': 1, 'mutating': True, 'status': {'200': 1}}
    # A REST call is named by the botocore operation whose URI template matches.
    assert 'elasticfilesystem:DescribeFileSystems' in stats['by_operation']
    records = aws.control('GET', '/_berth/requests')
    assert [r['operation'] for r in records] == ['ListClusters', 'CreateCluster', 'DescribeFileSystems']
    aws.control('POST', '/_berth/reset')
    assert aws.control('GET', '/_berth/stats')['total'] == 0


def test_rest_operations_are_told_apart_by_required_query_keys_and_headers(aws):
    s3 = aws.client('s3')
    s3.create_bucket(Bucket='ops-bucket')
    s3.put_object(Bucket='ops-bucket', Key='a', Body=b'1')
    s3.copy_object(Bucket='ops-bucket', Key='b', CopySource={'Bucket': 'ops-bucket', 'Key': 'a'})
    s3.get_object(Bucket='ops-bucket', Key='b')
    s3.delete_object(Bucket='ops-bucket', Key='a')
    assert [r['operation'] for r in aws.control('GET', '/_berth/requests')] == [
        'CreateBucket', 'PutObject', 'CopyObject', 'GetObject', 'DeleteObject']


def test_a_head_answer_keeps_the_length_a_get_would_have(aws):
    """S3 HeadObject's Content-Length is the object's size (clients size their ranged GETs by it); the front
    answered 0, the length of the empty body it sends."""
    s3 = aws.client('s3')
    s3.create_bucket(Bucket='head-bucket')
    s3.put_object(Bucket='head-bucket', Key='k', Body=b'x' * 1234)
    assert s3.head_object(Bucket='head-bucket', Key='k')['ContentLength'] == 1234
    ranged = s3.get_object(Bucket='head-bucket', Key='k', Range='bytes=1000-1999')
    assert ranged['ContentRange'] == 'bytes 1000-1233/1234' and len(ranged['Body'].read()) == 234


def test_error_codes_are_recorded(aws):
    with pytest.raises(botocore.exceptions.ClientError):
        aws.client('ecs').describe_services(cluster='missing', services=['x'])
    record = aws.control('GET', '/_berth/requests')[-1]
    assert record['status'] == 400 and record['error'] == 'ClusterNotFoundException'


def test_moto_reset_clears_state_and_switches(aws):
    aws.client('ecs').create_cluster(clusterName='c')
    aws.control('POST', '/moto-api/reset')
    assert aws.client('ecs').list_clusters()['clusterArns'] == []


def test_unknown_control_endpoint_is_404(aws):
    with pytest.raises(Exception, match='404'):
        aws.control('GET', '/_berth/nothing')


def fault_sequence(front, calls=30):
    outcomes = []
    ecs = front.client('ecs', config=NO_RETRY)
    for _ in range(calls):
        try:
            ecs.list_clusters()
            outcomes.append('ok')
        except botocore.exceptions.ClientError as e:
            outcomes.append(e.response['Error']['Code'])
        except (botocore.exceptions.ConnectionError, botocore.exceptions.HTTPClientError):
            outcomes.append('dropped')
    return outcomes


@pytest.fixture
def faulty(aws):
    """A second front, with its own faults and counters, before the session's emulator."""
    front = start('--upstream', aws.url, '--faults', 'throttle=0.2,error500=0.2,reset=0.2', '--seed', '7')
    yield front
    stop(front)


def test_faults_are_the_same_for_the_same_seed(faulty):
    first = fault_sequence(faulty)
    assert {'ok', 'ThrottlingException', 'dropped'} <= set(first)
    assert {'InternalFailure', 'ServiceUnavailableException'} & set(first)
    faulty.control('POST', '/_berth/faults', {'spec': 'throttle=0.2,error500=0.2,reset=0.2', 'seed': 7})
    assert fault_sequence(faulty) == first
    stats = faulty.control('GET', '/_berth/stats')
    assert sum(stats["faults"].values()) == 2 * (len(first) - first.count("ok"))
    assert set(stats['faults']) <= {'throttle', 'error500', 'reset-before', 'reset-after'}


def test_a_drop_after_forwarding_has_taken_effect(aws):
    """Half of the dropped connections reach moto first: the write exists, the client never hears."""
    front = start('--upstream', aws.url, '--faults', 'reset=1', '--seed', '3')
    try:
        ecs = front.client('ecs', config=NO_RETRY)
        for name in ('a', 'b', 'c', 'd', 'e', 'f'):
            with pytest.raises((botocore.exceptions.ConnectionError, botocore.exceptions.HTTPClientError)):
                ecs.create_cluster(clusterName=name)
        records = front.control('GET', '/_berth/requests')
        after = {r['fault'] for r in records}
        assert after == {'reset-before', 'reset-after'}
        created = aws.client('ecs').list_clusters()['clusterArns']
        assert len(created) == sum(r['fault'] == 'reset-after' for r in records)
    finally:
        stop(front)


def test_throttling_in_each_protocol(aws):
    front = start('--upstream', aws.url, '--faults', 'throttle=1', '--seed', '1')
    try:
        expected = {('ecs', 'list_clusters'): 'ThrottlingException',
                    ('cloudformation', 'list_stacks'): 'Throttling',
                    ('ec2', 'describe_vpcs'): 'RequestLimitExceeded',
                    ('s3', 'list_buckets'): 'SlowDown',
                    ('efs', 'describe_file_systems'): 'ThrottlingException'}
        for (service, method), code in expected.items():
            with pytest.raises(botocore.exceptions.ClientError) as error:
                getattr(front.client(service, config=NO_RETRY), method)()
            assert error.value.response['Error']['Code'] == code, service
        assert aws.control('GET', '/_berth/stats')['total'] == 0  # nothing reached the emulator
    finally:
        stop(front)


def test_bad_fault_specs_are_refused(aws):
    with pytest.raises(Exception, match='400'):
        aws.control('POST', '/_berth/faults', {'spec': 'explode=0.5'})
    with pytest.raises(Exception, match='400'):
        aws.control('POST', '/_berth/faults', {'spec': 'throttle=0.7,reset=0.7'})


def test_latency_delays_the_call_and_is_recorded(aws):
    front = start('--upstream', aws.url, '--faults', 'latency=1:0.3', '--seed', '1')
    try:
        front.client('ecs', config=NO_RETRY).list_clusters()
        record = front.control('GET', '/_berth/requests')[-1]
        assert (record['fault'], record['status'], record['forwarded']) == ('latency', 200, True)
        assert record['ms'] >= 300
    finally:
        stop(front)
