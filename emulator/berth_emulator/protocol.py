"""What an AWS request is: its service, protocol, operation, and whether it writes.

Read from the request alone (signature scope, X-Amz-Target, Action, and for REST services the
operation whose botocore URI template matches), so the front can count and fault any client."""
import functools
import re
import urllib.parse

# Operations whose names start so only read; every other operation writes (counted as mutating).
READ_PREFIXES = ('Describe', 'List', 'Get', 'Filter', 'BatchGet', 'Lookup', 'Head', 'Search', 'Validate')

# Signing names whose botocore model has another name.
MODEL_NAMES = {'elasticfilesystem': 'efs', 'monitoring': 'cloudwatch', 'elasticloadbalancing': 'elbv2',
               'application-autoscaling': 'application-autoscaling', 'states': 'stepfunctions',
               'execute-api': 'apigateway', 'email': 'ses'}

_CREDENTIAL = re.compile(r'Credential=([^/,\s]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request')


class Call:
    __slots__ = ('service', 'region', 'access_key', 'protocol', 'operation', 'mutating')

    def __init__(self, service, region, access_key, protocol, operation, mutating):
        self.service, self.region, self.access_key = service, region, access_key
        self.protocol, self.operation, self.mutating = protocol, operation, mutating


def classify(method, target, headers, body):
    """Returns the Call for a request; `headers` is a case-insensitive mapping."""
    parsed = urllib.parse.urlsplit(target)
    query = urllib.parse.parse_qs(parsed.query, keep_blank_values=True)
    match = _CREDENTIAL.search(headers.get('Authorization', '')) or _CREDENTIAL.search(
        'Credential=' + query.get('X-Amz-Credential', [''])[0])
    access_key, region, service = (match.group(1), match.group(3), match.group(4)) if match else (None, None, None)
    amz_target = headers.get('X-Amz-Target')
    if amz_target:
        operation = amz_target.rsplit('.', 1)[-1]
        return Call(service, region, access_key, 'json', operation, _writes(operation, method))
    action = query.get('Action', [None])[0]
    if action is None and 'x-www-form-urlencoded' in headers.get('Content-Type', ''):
        form = urllib.parse.parse_qs(body.decode('utf-8', 'replace'), keep_blank_values=True)
        action = form.get('Action', [None])[0]
    if action:
        protocol = 'ec2' if service == 'ec2' else 'query'
        return Call(service, region, access_key, protocol, action, _writes(action, method))
    protocol = 'rest-xml' if service in ('s3', 'route53', 'cloudfront') else 'rest-json'
    operation = rest_operation(service, method, parsed.path, frozenset(query)) if service else None
    return Call(service, region, access_key, protocol, operation, _writes(operation, method))


def _writes(operation, method):
    if operation:
        return not operation.startswith(READ_PREFIXES)
    return method not in ('GET', 'HEAD')


def rest_operation(service, method, path, query_keys):
    """The REST operation whose method and URI template match best (most literal characters)."""
    best, best_score = None, -1
    for name, op_method, pattern, literal_keys, score in _rest_routes(service):
        if op_method == method and pattern.fullmatch(path) and literal_keys <= query_keys and score > best_score:
            best, best_score = name, score
    return best


@functools.lru_cache(maxsize=None)
def _rest_routes(service):
    try:
        import botocore.loaders
        model = botocore.loaders.Loader().load_service_model(MODEL_NAMES.get(service, service), 'service-2')
    except Exception:  # noqa: BLE001 - an unknown service just has no named REST operations
        return ()
    routes = []
    for name, op in model.get('operations', {}).items():
        http = op.get('http', {})
        uri = http.get('requestUri', '/')
        path, _, literal = uri.partition('?')
        keys = frozenset(k.split('=')[0] for k in literal.split('&') if k)
        regex, score = '', len(keys) * 10
        for part in re.split(r'(\{[^}]+\})', path):
            if part.startswith('{'):
                regex += '(.+)' if part.endswith('+}') else '([^/]+)'
            else:
                regex += re.escape(part)
                score += len(part)
        if path.endswith('/') and path != '/':
            regex += '?'
        routes.append((name, http.get('method', 'POST'), re.compile(regex), keys, score))
    return tuple(routes)
