"""A container registry on the emulator's own port (the OCI distribution API under /v2/), standing
in for Docker Hub and other registries so that Berth reads image configurations from loopback only.

It behaves as public registries do where Berth depends on it: an unauthenticated request gets 401
with a Bearer challenge naming the token realm (here /_berth/registry/token), the token endpoint
gives anonymous pull tokens for public repositories and asks for Basic credentials for private ones,
a tag names a multi-platform index (OCI), a missing tag or repository is 404 with the registry error
code, and throttling is 429 with Retry-After. Images are seeded with the ports the real images
declare; tests add their own through POST /_berth/registry/images."""
import base64
import hashlib
import json
import threading
import urllib.parse

INDEX = 'application/vnd.oci.image.index.v1+json'
MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
CONFIG = 'application/vnd.oci.image.config.v1+json'
PRIVATE_CREDENTIALS = ('berth', 'registry-password')

# Docker Hub images compose files name most, with the ports and user their official images declare.
SEEDED = {
    'library/nginx': (['1.27-alpine', '1.27', 'alpine', 'latest'], ['80/tcp'], None),
    'library/ghost': (['5-alpine', '5', 'latest'], ['2368/tcp'], 'node'),
    'library/mysql': (['8.0', '8', '8.4', 'latest'], ['3306/tcp', '33060/tcp'], None),
    'library/mariadb': (['10.11', '11', 'latest', 'lts'], ['3306/tcp'], None),
    'library/postgres': (['15', '16', '16-alpine', '17', 'latest'], ['5432/tcp'], None),
    'library/redis': (['7', '7-alpine', 'alpine', 'latest'], ['6379/tcp'], None),
    'library/mongo': (['7', 'latest'], ['27017/tcp'], None),
    'library/memcached': (['1', 'latest'], ['11211/tcp'], 'memcache'),
    'library/wordpress': (['latest', '6', 'php8.3-fpm'], ['80/tcp'], None),
    'library/php': (['8.3-fpm', '8-fpm', '8.3-fpm-alpine'], ['9000/tcp'], None),
    'library/node': (['20', '20-alpine', '22', 'lts'], [], None),
}


def digest_of(data):
    return 'sha256:' + hashlib.sha256(data).hexdigest()


class Registry:
    prefix = 'registry'

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.blobs = {}          # digest → bytes
            self.manifests = {}      # (repository, reference) → (media type, bytes)
            self.private = set()     # repositories that need credentials
            self.throttles = {}      # repository → [remaining 429s, retry-after]
            self.requests = []       # (method, path, authorization scheme)
        for repository, (tags, ports, user) in SEEDED.items():
            self.put_image(repository, tags, [{'architecture': a, 'exposed_ports': ports, 'user': user} for a in ('amd64', 'arm64')])

    # ------------------------------------------------------------------ content
    def put_blob(self, data):
        digest = digest_of(data)
        self.blobs[digest] = data
        return digest

    def put_image(self, repository, tags, platforms, private=False):
        """Stores one image for each platform under an index that every tag names; returns the index digest."""
        entries = []
        for platform in platforms:
            config = {'architecture': platform['architecture'], 'os': 'linux', 'config': {}}
            if platform.get('exposed_ports'):
                config['config']['ExposedPorts'] = {port: {} for port in platform['exposed_ports']}
            if platform.get('user'):
                config['config']['User'] = platform['user']
            config_bytes = json.dumps(config, sort_keys=True).encode()
            manifest = json.dumps({'schemaVersion': 2, 'mediaType': MANIFEST,
                                   'config': {'mediaType': CONFIG, 'digest': self.put_blob(config_bytes), 'size': len(config_bytes)},
                                   'layers': []}, sort_keys=True).encode()
            digest = digest_of(manifest)
            self.manifests[(repository, digest)] = (MANIFEST, manifest)
            entries.append({'mediaType': MANIFEST, 'digest': digest, 'size': len(manifest),
                            'platform': {'os': 'linux', 'architecture': platform['architecture']}})
        index = json.dumps({'schemaVersion': 2, 'mediaType': INDEX, 'manifests': entries}, sort_keys=True).encode()
        index_digest = digest_of(index)
        with self.lock:
            self.manifests[(repository, index_digest)] = (INDEX, index)
            for tag in tags:
                self.manifests[(repository, tag)] = (INDEX, index)
            if private:
                self.private.add(repository)
        return index_digest

    # ------------------------------------------------------------------ control API
    def control(self, method, action, body, query, host):
        if (method, action) == ('POST', 'images'):
            digest = self.put_image(body['repository'], body.get('tags', ['latest']),
                                    body.get('platforms', [{'architecture': 'amd64', 'exposed_ports': body.get('exposed_ports', [])}]),
                                    private=bool(body.get('private')))
            return 200, {'digest': digest}
        if (method, action) == ('POST', 'throttle'):
            self.throttles[body['repository']] = [int(body.get('count', 1)), body.get('retry_after')]
            return 200, {}
        if (method, action) == ('POST', 'reset'):
            self.reset()
            return 200, {}
        if (method, action) == ('GET', 'requests'):
            return 200, [{'method': m, 'path': p, 'auth': a} for m, p, a in self.requests]
        return 404, {'error': f'no such registry endpoint: {method} {action}'}

    def token(self, query, headers):
        """GET /_berth/registry/token: (status, headers, body) as a token server answers."""
        scope = query.get('scope', [''])[0]
        parts = scope.split(':')
        repository = parts[1] if len(parts) == 3 and parts[0] == 'repository' else ''
        if repository in self.private:
            given = headers.get('Authorization', '')
            expected = 'Basic ' + base64.b64encode(':'.join(PRIVATE_CREDENTIALS).encode()).decode()
            if given != expected:
                return 401, {'Content-Type': 'application/json'}, json.dumps(
                    {'errors': [{'code': 'UNAUTHORIZED', 'message': 'authentication required'}]}).encode()
        token = 'berth-token.' + base64.urlsafe_b64encode(scope.encode()).decode()
        return 200, {'Content-Type': 'application/json'}, json.dumps({'token': token, 'expires_in': 300}).encode()

    # ------------------------------------------------------------------ distribution API
    def handle(self, method, path, headers, host):
        """A /v2/ request: (status, headers, body)."""
        route = urllib.parse.urlsplit(path).path
        authorization = headers.get('Authorization', '')
        self.requests.append((method, route, authorization.split(' ')[0] if authorization else None))
        if route == '/v2/' or route == '/v2':
            return self.challenge(host, '') if not authorization else (200, {'Content-Type': 'application/json'}, b'{}')
        for kind in ('/manifests/', '/blobs/'):
            if kind in route:
                repository, reference = route[len('/v2/'):].split(kind, 1)
                break
        else:
            return error(404, 'NAME_UNKNOWN', 'unknown route')
        scope = f'repository:{repository}:pull'
        if authorization != 'Bearer berth-token.' + base64.urlsafe_b64encode(scope.encode()).decode():
            return self.challenge(host, scope)
        throttle = self.throttles.get(repository)
        if throttle and throttle[0] > 0:
            throttle[0] -= 1
            answer = error(429, 'TOOMANYREQUESTS', 'You have reached your pull rate limit.')
            if throttle[1] is not None:
                answer[1]['Retry-After'] = str(throttle[1])
            return answer
        if kind == '/blobs/':
            data = self.blobs.get(reference)
            if data is None:
                return error(404, 'BLOB_UNKNOWN', 'blob unknown to registry')
            return 200, {'Content-Type': 'application/octet-stream', 'Docker-Content-Digest': reference}, data
        if not any(repo == repository for repo, _ in self.manifests):
            return error(404, 'NAME_UNKNOWN', 'repository name not known to registry')
        found = self.manifests.get((repository, reference))
        if found is None:
            return error(404, 'MANIFEST_UNKNOWN', 'manifest unknown')
        media_type, data = found
        return 200, {'Content-Type': media_type, 'Docker-Content-Digest': digest_of(data)}, data

    def challenge(self, host, scope):
        realm = f'http://{host}/_berth/registry/token'
        value = f'Bearer realm="{realm}",service="berth-registry"' + (f',scope="{scope}"' if scope else '')
        status, headers, body = error(401, 'UNAUTHORIZED', 'authentication required')
        headers['WWW-Authenticate'] = value
        return status, headers, body


def error(status, code, message):
    return status, {'Content-Type': 'application/json'}, json.dumps({'errors': [{'code': code, 'message': message}]}).encode()
