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
    operation = rest_operation(service, method, parsed.path, query, headers) if service else None
    return Call(service, region, access_key, protocol, operation, _writes(operation, method))


def _writes(operation, method):
    if operation:
        return not operation.startswith(READ_PREFIXES)
    return method not in ('GET', 'HEAD')


def rest_operation(service, method, path, query, headers):
    """The REST operation whose method and URI template match, whose literal query pairs and
    required query keys and headers are present, and that is most specific (S3's PutObject and
    CopyObject differ only by the x-amz-copy-source header they require)."""
    best, best_score = None, -1
    for name, op_method, pattern, literals, keys, required_headers, score in _rest_routes(service):
        if op_method != method or score <= best_score or not pattern.fullmatch(path):
            continue
        if all(query.get(k, [None])[0] == v or (v == '' and k in query) for k, v in literals) \
                and all(k in query for k in keys) and all(h in headers for h in required_headers):
            best, best_score = name, score
    return best


@functools.lru_cache(maxsize=None)
def _rest_routes(service):
    try:
        import botocore.loaders
        model = botocore.loaders.Loader().load_service_model(MODEL_NAMES.get(service, service), 'service-2')
    except Exception:  # noqa: BLE001 - an unknown service just has no named REST operations
        return ()
    routes, shapes = [], model.get('shapes', {})
    for name, op in model.get('operations', {}).items():
        http = op.get('http', {})
        uri = http.get('requestUri', '/')
        path, _, literal = uri.partition('?')
        # S3's `x-id=Operation` literals are hints SDKs may leave out; the other literals are required.
        literals = tuple(tuple((pair.split('=', 1) + [''])[:2]) for pair in literal.split('&') if pair and not pair.startswith('x-id='))
        shape = shapes.get(op.get('input', {}).get('shape'), {})
        members, required = shape.get('members', {}), shape.get('required', [])
        keys = tuple(members[m]['locationName'] for m in required
                     if members.get(m, {}).get('location') == 'querystring' and 'locationName' in members[m])
        required_headers = tuple(members[m]['locationName'] for m in required
                                 if members.get(m, {}).get('location') == 'header' and 'locationName' in members[m])
        regex, score = '', (len(literals) + len(keys) + len(required_headers)) * 10
        for part in re.split(r'(\{[^}]+\})', path):
            if part.startswith('{'):
                regex += '(.+)' if part.endswith('+}') else '([^/]+)'
            else:
                regex += re.escape(part)
                score += len(part)
        if path.endswith('/') and path != '/':
            regex += '?'
        routes.append((name, http.get('method', 'POST'), re.compile(regex), literals, keys, required_headers, score))
    return tuple(routes)
