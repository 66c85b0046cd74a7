"""Seeded faults, drawn the same way for the same request sequence.

A spec is `throttle=P,error500=P,reset=P,latency=P:SECONDS`. Each AWS request takes exactly two
draws from random.Random(seed): the first picks at most one fault (the probabilities stack up in
that order), the second its variant (500 or 503; a connection dropped before or after the request
reached moto; for latency, nothing). So a test that replays the same calls sees the same faults."""
import random
import threading

KINDS = ('throttle', 'error500', 'reset', 'latency')


class FaultPlan:
    def __init__(self, spec='', seed=0):
        self.spec, self.seed = spec or '', seed
        self.rates, self.latency = {}, 0.0
        for item in filter(None, (part.strip() for part in self.spec.split(','))):
            kind, _, value = item.partition('=')
            if kind not in KINDS:
                raise ValueError(f'unknown fault {kind!r}: use {", ".join(KINDS)}')
            if kind == 'latency':
                value, _, seconds = value.partition(':')
                self.latency = float(seconds or 1.0)
            rate = float(value)
            if not 0 <= rate <= 1:
                raise ValueError(f'fault rate {rate} of {kind} is not between 0 and 1')
            self.rates[kind] = rate
        if sum(self.rates.values()) > 1:
            raise ValueError('fault rates add up to more than 1')
        self.random = random.Random(seed)
        self.lock = threading.Lock()

    def draw(self):
        """Returns (kind or None, variant in [0, 1))."""
        with self.lock:
            first, second = self.random.random(), self.random.random()
        edge = 0.0
        for kind in KINDS:
            edge += self.rates.get(kind, 0.0)
            if first < edge:
                return kind, second
        return None, second

    def describe(self):
        return {'spec': self.spec, 'seed': self.seed, 'rates': self.rates, 'latency': self.latency}


def error_response(kind, variant, call, request_id):
    """The (status, headers, body) AWS answers a throttled or failed call with, in its protocol."""
    protocol = call.protocol if call else 'json'
    if kind == 'throttle':
        status, code, message = {
            'json': (400, 'ThrottlingException', 'Rate exceeded'), 'rest-json': (429, 'ThrottlingException', 'Rate exceeded'),
            'query': (400, 'Throttling', 'Rate exceeded'), 'ec2': (503, 'RequestLimitExceeded', 'Request limit exceeded.'),
            'rest-xml': (503, 'SlowDown', 'Please reduce your request rate.')}[protocol]
    elif variant < 0.5:
        status, message = 500, 'We encountered an internal error. Please try again.'
        code = {'ec2': 'InternalError', 'rest-xml': 'InternalError'}.get(protocol, 'InternalFailure')
    else:
        status, message = 503, 'Service is unavailable. Please try again.'
        code = {'json': 'ServiceUnavailableException', 'rest-json': 'ServiceUnavailableException',
                'ec2': 'Unavailable'}.get(protocol, 'ServiceUnavailable')
    return (status, *error_body(protocol, code, message, request_id), code)


def error_body(protocol, code, message, request_id):
    """Headers and body of an AWS error in `protocol`."""
    if protocol in ('json', 'rest-json'):
        import json
        return ({'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-ErrorType': code, 'x-amzn-RequestId': request_id},
                json.dumps({'__type': code, 'message': message}).encode())
    if protocol == 'ec2':
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>{code}</Code>'
                f'<Message>{message}</Message></Error></Errors><RequestID>{request_id}</RequestID></Response>')
    elif protocol == 'rest-xml':
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message>'
                f'<RequestId>{request_id}</RequestId></Error>')
    else:
        body = (f'<ErrorResponse><Error><Type>{"Receiver" if code != "Throttling" else "Sender"}</Type><Code>{code}</Code>'
                f'<Message>{message}</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>')
    return {'Content-Type': 'text/xml', 'x-amzn-RequestId': request_id}, body.encode()
