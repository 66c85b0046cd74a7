"""Signature Version 4, checked as AWS checks it: the canonical request is rebuilt from what
arrived (method, path, query, the signed headers, the payload hash) and signed again with the
secret of the access key named in the credential scope. A request AWS would refuse for its
signature is refused here, with the code AWS uses in that protocol.

Follows "Create a signed AWS API request" and "Authenticating Requests: Using Query Parameters"
in the IAM and S3 documentation: paths are URI-encoded twice except for S3, query keys and values
are sorted and re-encoded, header values are trimmed, and the clock may be off by 15 minutes."""
import datetime
import hashlib
import hmac
import re
import urllib.parse

MAX_SKEW = datetime.timedelta(minutes=15)
UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~'
_AUTH = re.compile(r'AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)')


class Refusal(Exception):
    """Why a request's authentication fails: `kind` is missing, unknown-key, bad-token, signature or skew."""

    def __init__(self, kind, message, detail=None):
        super().__init__(message)
        # detail: what the signature was computed over, for the emulator's log (never the secret).
        self.kind, self.message, self.detail = kind, message, detail


def encode(text, keep_slash=False):
    return urllib.parse.quote(text, safe=UNRESERVED + ('/' if keep_slash else ''))


def canonical_path(raw_path, service):
    path = urllib.parse.unquote(raw_path) or '/'
    if service == 's3':
        return encode(path, keep_slash=True)
    segments, out = path.split('/'), []
    for segment in segments[1:]:
        if segment == '..':
            out = out[:-1]
        elif segment not in ('.', ''):
            out.append(segment)
    normal = '/' + '/'.join(out) + ('/' if path.endswith('/') and out else '')
    return encode(encode(normal, keep_slash=True), keep_slash=True)


def canonical_query(raw_query, drop=()):
    pairs = urllib.parse.parse_qsl(raw_query, keep_blank_values=True)
    return '&'.join(f'{encode(k)}={encode(v)}' for k, v in sorted(pairs) if k not in drop)


def verify(method, target, headers, body, credentials, now=None):
    """Returns the access key on success; raises Refusal. `headers` is case-insensitive,
    `credentials` maps access key → (secret, session token or None)."""
    parsed = urllib.parse.urlsplit(target)
    query = dict(urllib.parse.parse_qsl(parsed.query, keep_blank_values=True))
    if 'X-Amz-Signature' in query:
        credential, signed, signature = query.get('X-Amz-Credential', ''), query.get('X-Amz-SignedHeaders', ''), query['X-Amz-Signature']
        amz_date, token = query.get('X-Amz-Date', ''), query.get('X-Amz-Security-Token')
        payload_hash = 'UNSIGNED-PAYLOAD'
        expires = int(query.get('X-Amz-Expires', '0') or 0)
        drop = ('X-Amz-Signature',)
    else:
        authorization = headers.get('Authorization')
        if not authorization:
            raise Refusal('missing', 'Request is missing Authentication Token')
        match = _AUTH.match(authorization)
        if not match:
            raise Refusal('signature', 'Authorization header requires AWS4-HMAC-SHA256 with Credential, SignedHeaders and Signature')
        credential, signed, signature = match.groups()
        amz_date, token, expires, drop = headers.get('X-Amz-Date', ''), headers.get('X-Amz-Security-Token'), None, ()
        payload_hash = headers.get('X-Amz-Content-SHA256') or hashlib.sha256(body).hexdigest()
    scope = credential.split('/')
    if len(scope) != 5 or scope[4] != 'aws4_request':
        raise Refusal('signature', f'Credential should be scoped to a valid region and service: {credential}')
    access_key, day, region, service = scope[:4]
    if access_key not in credentials:
        raise Refusal('unknown-key', 'The security token included in the request is invalid.')
    secret, expected_token = credentials[access_key]
    if expected_token is not None and token != expected_token:
        raise Refusal('bad-token', 'The security token included in the request is invalid.')
    try:
        when = datetime.datetime.strptime(amz_date, '%Y%m%dT%H%M%SZ').replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        raise Refusal('signature', 'X-Amz-Date is missing or not in the form YYYYMMDDTHHMMSSZ') from None
    now = now or datetime.datetime.now(datetime.timezone.utc)
    if expires is None and abs(now - when) > MAX_SKEW:
        raise Refusal('skew', f'Signature expired: {amz_date} is now earlier than {(now - MAX_SKEW):%Y%m%dT%H%M%SZ}')
    if expires is not None and now > when + datetime.timedelta(seconds=expires):
        raise Refusal('skew', 'Request has expired')
    if service == 's3' and payload_hash not in ('UNSIGNED-PAYLOAD',) and not payload_hash.startswith('STREAMING-') \
            and expires is None and payload_hash != hashlib.sha256(body).hexdigest():
        raise Refusal('payload', "The provided 'x-amz-content-sha256' header does not match what was computed.")
    names = signed.split(';')
    lines = []
    for name in names:
        values = headers.get_all(name) if hasattr(headers, 'get_all') else [headers.get(name)]
        if values is None or values == [None]:
            raise Refusal('signature', f'signed header {name} is missing from the request')
        lines.append(f"{name}:{','.join(' '.join(v.split()) for v in values)}")
    canonical = '\n'.join([method, canonical_path(parsed.path, service), canonical_query(parsed.query, drop),
                           '\n'.join(lines) + '\n', signed, payload_hash])
    string_to_sign = '\n'.join(['AWS4-HMAC-SHA256', amz_date, '/'.join(scope[1:]),
                                hashlib.sha256(canonical.encode()).hexdigest()])
    key = f'AWS4{secret}'.encode()
    for part in (day, region, service, 'aws4_request'):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest(), signature):
        raise Refusal('signature', 'The request signature we calculated does not match the signature you provided. '
                                   'Check your AWS Secret Access Key and signing method.',
                      f'canonical request:\n{canonical}\nstring to sign:\n{string_to_sign}')
    return access_key


# The error code AWS answers each refusal with, per protocol (json and rest-json share one column).
CODES = {
    'missing': {'json': 'MissingAuthenticationTokenException', 'query': 'MissingAuthenticationToken',
                'ec2': 'MissingAuthenticationToken', 'rest-xml': 'AccessDenied'},
    'unknown-key': {'json': 'UnrecognizedClientException', 'query': 'InvalidClientTokenId', 'ec2': 'AuthFailure',
                    'rest-xml': 'InvalidAccessKeyId'},
    'bad-token': {'json': 'UnrecognizedClientException', 'query': 'InvalidClientTokenId', 'ec2': 'AuthFailure',
                  'rest-xml': 'InvalidToken'},
    'signature': {'json': 'InvalidSignatureException', 'query': 'SignatureDoesNotMatch', 'ec2': 'SignatureDoesNotMatch',
                  'rest-xml': 'SignatureDoesNotMatch'},
    'skew': {'json': 'InvalidSignatureException', 'query': 'SignatureDoesNotMatch', 'ec2': 'RequestExpired',
             'rest-xml': 'RequestTimeTooSkewed'},
    'payload': {'json': 'InvalidSignatureException', 'query': 'SignatureDoesNotMatch', 'ec2': 'SignatureDoesNotMatch',
                'rest-xml': 'XAmzContentSHA256Mismatch'},
}


def refusal_code(refusal, protocol):
    column = 'json' if protocol == 'rest-json' else protocol
    return CODES[refusal.kind][column]
