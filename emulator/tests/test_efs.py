"""EFS tokens (patch efs-tokens): CreateAccessPoint's ClientToken and the ids in the 409 errors."""
import botocore.exceptions
import pytest

ROOT = {'Path': '/web/uploads', 'CreationInfo': {'OwnerUid': 1000, 'OwnerGid': 1000, 'Permissions': '0755'}}


@pytest.fixture
def efs(aws):
    return aws.client('efs')


@pytest.fixture
def fs_id(efs):
    return efs.create_file_system(CreationToken='berth-fs')['FileSystemId']


def error(call):
    with pytest.raises(botocore.exceptions.ClientError) as e:
        call()
    return e.value.response


def test_identical_retry_answers_with_the_existing_access_point(efs, fs_id):
    created = efs.create_access_point(ClientToken='tok-1', FileSystemId=fs_id, PosixUser={'Uid': 1000, 'Gid': 1000},
                                      RootDirectory=ROOT, Tags=[{'Key': 'berth:volume', 'Value': 'uploads'}])
    answer = error(lambda: efs.create_access_point(ClientToken='tok-1', FileSystemId=fs_id,
                                                   PosixUser={'Uid': 1000, 'Gid': 1000}, RootDirectory=ROOT,
                                                   Tags=[{'Key': 'berth:volume', 'Value': 'uploads'}]))
    assert answer['ResponseMetadata']['HTTPStatusCode'] == 409
    assert answer['Error']['Code'] == 'AccessPointAlreadyExists'
    assert answer['ErrorCode'] == 'AccessPointAlreadyExists'
    assert answer['AccessPointId'] == created['AccessPointId']
    assert [p['AccessPointId'] for p in efs.describe_access_points(FileSystemId=fs_id)['AccessPoints']] \
        == [created['AccessPointId']]


def test_used_token_with_other_parameters_is_refused_too(efs, fs_id):
    created = efs.create_access_point(ClientToken='tok-1', FileSystemId=fs_id, RootDirectory=ROOT)
    other_fs = efs.create_file_system(CreationToken='berth-fs-2')['FileSystemId']
    for kwargs in ({'FileSystemId': fs_id, 'RootDirectory': {'Path': '/other'}},
                   {'FileSystemId': other_fs, 'PosixUser': {'Uid': 1, 'Gid': 1}}):
        answer = error(lambda: efs.create_access_point(ClientToken='tok-1', **kwargs))
        assert answer['Error']['Code'] == 'AccessPointAlreadyExists'
        assert answer['AccessPointId'] == created['AccessPointId']
    assert len(efs.describe_access_points()['AccessPoints']) == 1
    # Another token makes another access point.
    second = efs.create_access_point(ClientToken='tok-2', FileSystemId=fs_id, RootDirectory=ROOT)
    assert second['AccessPointId'] != created['AccessPointId']


def test_deleting_the_access_point_frees_its_token(efs, fs_id):
    created = efs.create_access_point(ClientToken='tok-1', FileSystemId=fs_id, RootDirectory=ROOT)
    efs.delete_access_point(AccessPointId=created['AccessPointId'])
    again = efs.create_access_point(ClientToken='tok-1', FileSystemId=fs_id, RootDirectory=ROOT)
    assert again['AccessPointId'] != created['AccessPointId'] and again['ClientToken'] == 'tok-1'


def test_tokens_are_per_region(aws, efs, fs_id):
    efs.create_access_point(ClientToken='tok-1', FileSystemId=fs_id, RootDirectory=ROOT)
    west = aws.client('efs', region='eu-west-1')
    west_fs = west.create_file_system(CreationToken='berth-fs')['FileSystemId']
    assert west.create_access_point(ClientToken='tok-1', FileSystemId=west_fs, RootDirectory=ROOT)['AccessPointId']


def test_file_system_already_exists_carries_its_id(efs, fs_id):
    answer = error(lambda: efs.create_file_system(CreationToken='berth-fs'))
    assert answer['ResponseMetadata']['HTTPStatusCode'] == 409
    assert answer['Error']['Code'] == 'FileSystemAlreadyExists'
    assert answer['FileSystemId'] == fs_id
    assert len(efs.describe_file_systems()['FileSystems']) == 1


def test_unknown_file_system(efs):
    answer = error(lambda: efs.create_access_point(ClientToken='tok-1', FileSystemId='fs-0123456789abcdef0',
                                                   RootDirectory=ROOT))
    assert answer['ResponseMetadata']['HTTPStatusCode'] == 404
    assert answer['Error']['Code'] == 'FileSystemNotFound'
    assert efs.describe_access_points()['AccessPoints'] == []


def test_file_system_arn_is_accepted(efs, fs_id):
    arn = efs.describe_file_systems(FileSystemId=fs_id)['FileSystems'][0]['FileSystemArn']
    created = efs.create_access_point(ClientToken='tok-1', FileSystemId=arn, RootDirectory=ROOT)
    assert created['FileSystemId'] == fs_id
