"""CloudWatch Logs FilterLogEvents (patch logs-filter): stream prefix and names, identifier, interleaving."""
import time

import botocore.exceptions
import pytest

GROUP = '/berth/site/dev'


@pytest.fixture
def logs(aws):
    client = aws.client('logs')
    client.create_log_group(logGroupName=GROUP)
    now = int(time.time() * 1000) - 60_000  # PutLogEvents rejects events older than 14 days
    # Three streams, written one after another, whose events alternate in time.
    for offset, stream in enumerate(['web/web/aaa', 'web/web/bbb', 'cms/cms/ccc']):
        client.create_log_stream(logGroupName=GROUP, logStreamName=stream)
        client.put_log_events(logGroupName=GROUP, logStreamName=stream, logEvents=[
            {'timestamp': now + 10 * i + offset, 'message': f'{stream} line {i}'} for i in range(3)])
    return client


def streams_of(answer):
    return [e['logStreamName'] for e in answer['events']]


def error(call):
    with pytest.raises(botocore.exceptions.ClientError) as e:
        call()
    return e.value.response['Error']


def test_prefix_selects_streams(logs):
    answer = logs.filter_log_events(logGroupName=GROUP, logStreamNamePrefix='web/')
    assert set(streams_of(answer)) == {'web/web/aaa', 'web/web/bbb'} and len(answer['events']) == 6
    assert {s['logStreamName'] for s in answer['searchedLogStreams']} == {'web/web/aaa', 'web/web/bbb'}
    assert streams_of(logs.filter_log_events(logGroupName=GROUP, logStreamNamePrefix='cms')) == ['cms/cms/ccc'] * 3


def test_prefix_matching_no_stream_returns_nothing(logs):
    assert logs.filter_log_events(logGroupName=GROUP, logStreamNamePrefix='nope')['events'] == []


def test_stream_names_still_work(logs):
    answer = logs.filter_log_events(logGroupName=GROUP, logStreamNames=['web/web/bbb', 'cms/cms/ccc'])
    assert set(streams_of(answer)) == {'web/web/bbb', 'cms/cms/ccc'}


def test_names_and_prefix_together_are_refused(logs):
    problem = error(lambda: logs.filter_log_events(logGroupName=GROUP, logStreamNames=['web/web/aaa'],
                                                   logStreamNamePrefix='web'))
    assert problem['Code'] == 'InvalidParameterException'


def test_group_identifier_by_name_or_arn(logs):
    arn = logs.describe_log_groups(logGroupNamePrefix=GROUP)['logGroups'][0]['logGroupArn']
    assert not arn.endswith(':*')
    for identifier in (GROUP, arn, arn + ':*'):
        answer = logs.filter_log_events(logGroupIdentifier=identifier, logStreamNamePrefix='web')
        assert len(answer['events']) == 6
    for kwargs in ({'logGroupName': GROUP, 'logGroupIdentifier': GROUP}, {}):
        assert error(lambda: logs.filter_log_events(**kwargs))['Code'] == 'InvalidParameterException'


def test_unknown_group(logs):
    for kwargs in ({'logStreamNamePrefix': 'web'}, {}):
        assert error(lambda: logs.filter_log_events(logGroupName='/no/such/group', **kwargs))['Code'] \
            == 'ResourceNotFoundException'


def test_events_are_interleaved_by_time(logs):
    answer = logs.filter_log_events(logGroupName=GROUP, interleaved=False)
    times = [e['timestamp'] for e in answer['events']]
    assert times == sorted(times) and len(times) == 9
    assert streams_of(answer)[:3] == ['web/web/aaa', 'web/web/bbb', 'cms/cms/ccc']


def test_pages_with_a_prefix(logs):
    pages = logs.get_paginator('filter_log_events').paginate(
        logGroupName=GROUP, logStreamNamePrefix='web', PaginationConfig={'PageSize': 4})
    events = [e for page in pages for e in page['events']]
    assert len(events) == 6 and set(streams_of({'events': events})) == {'web/web/aaa', 'web/web/bbb'}
    assert [e['timestamp'] for e in events] == sorted(e['timestamp'] for e in events)
