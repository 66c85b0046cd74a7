"""The registry on the emulator's port: Berth reads image configurations from it as from Docker Hub."""
import json
import urllib.error
import urllib.request


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def token(aws, scope, headers=None):
    status, _, body = get(f'{aws.url}/_berth/registry/token?service=berth-registry&scope={scope}', headers)
    return status, (json.loads(body).get('token') if status == 200 else None)


def test_pull_flow_challenge_token_index_manifest_config(aws):
    aws.control('POST', '/_berth/registry/reset')
    status, headers, _ = get(f'{aws.url}/v2/library/mysql/manifests/8.0')
    assert status == 401
    assert headers['WWW-Authenticate'].startswith('Bearer realm="http://127.0.0.1:')
    assert 'scope="repository:library/mysql:pull"' in headers['WWW-Authenticate']
    _, value = token(aws, 'repository:library/mysql:pull')
    auth = {'Authorization': f'Bearer {value}'}
    status, headers, body = get(f'{aws.url}/v2/library/mysql/manifests/8.0', auth)
    assert status == 200 and headers['Content-Type'] == 'application/vnd.oci.image.index.v1+json'
    index = json.loads(body)
    amd64 = next(m for m in index['manifests'] if m['platform']['architecture'] == 'amd64')
    _, _, manifest = get(f'{aws.url}/v2/library/mysql/manifests/{amd64["digest"]}', auth)
    _, _, config = get(f'{aws.url}/v2/library/mysql/blobs/{json.loads(manifest)["config"]["digest"]}', auth)
    assert json.loads(config)['config']['ExposedPorts'] == {'3306/tcp': {}, '33060/tcp': {}}


def test_a_token_is_for_one_repository(aws):
    _, value = token(aws, 'repository:library/redis:pull')
    status, _, _ = get(f'{aws.url}/v2/library/mysql/manifests/8.0', {'Authorization': f'Bearer {value}'})
    assert status == 401


def test_unknown_tag_and_repository_are_404_with_codes(aws):
    _, value = token(aws, 'repository:library/mysql:pull')
    status, _, body = get(f'{aws.url}/v2/library/mysql/manifests/0.1', {'Authorization': f'Bearer {value}'})
    assert status == 404 and json.loads(body)['errors'][0]['code'] == 'MANIFEST_UNKNOWN'
    _, value = token(aws, 'repository:nobody/nothing:pull')
    status, _, body = get(f'{aws.url}/v2/nobody/nothing/manifests/1', {'Authorization': f'Bearer {value}'})
    assert status == 404 and json.loads(body)['errors'][0]['code'] == 'NAME_UNKNOWN'


def test_throttle_gives_429_with_retry_after_then_recovers(aws):
    aws.control('POST', '/_berth/registry/throttle', {'repository': 'library/redis', 'count': 1, 'retry_after': 2})
    _, value = token(aws, 'repository:library/redis:pull')
    auth = {'Authorization': f'Bearer {value}'}
    status, headers, body = get(f'{aws.url}/v2/library/redis/manifests/7', auth)
    assert status == 429 and headers['Retry-After'] == '2'
    assert json.loads(body)['errors'][0]['code'] == 'TOOMANYREQUESTS'
    assert get(f'{aws.url}/v2/library/redis/manifests/7', auth)[0] == 200


def test_private_repositories_need_credentials_for_a_token(aws):
    aws.control('POST', '/_berth/registry/images', {'repository': 'team/app', 'tags': ['1'], 'private': True,
                                                    'exposed_ports': ['8080/tcp']})
    assert token(aws, 'repository:team/app:pull')[0] == 401
    import base64
    basic = 'Basic ' + base64.b64encode(b'berth:registry-password').decode()
    status, value = token(aws, 'repository:team/app:pull', {'Authorization': basic})
    assert status == 200
    assert get(f'{aws.url}/v2/team/app/manifests/1', {'Authorization': f'Bearer {value}'})[0] == 200
    aws.control('POST', '/_berth/registry/reset')
