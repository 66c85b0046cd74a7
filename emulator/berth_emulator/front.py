"""The front every client talks to: forwards AWS requests to moto (or to another front), counts
and logs them, injects the fault plan's faults, adds the call latency of AWS's pace, and answers the
control API under /_berth/."""
import http.client
import http.server
import json
import socket
import struct
import sys
import threading
import time
import urllib.parse
import uuid

from . import pace
from .faults import FaultPlan, error_body, error_response
from .protocol import classify
from .registry import Registry
from .signature import Refusal, refusal_code, verify
from .stats import Stats

CONTROL = '/_berth/'
HOP_BY_HOP = {'connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer'}


class Front:
    """State of one front: where it forwards, its counters, its fault plan, and (when it runs moto
    itself) the patches whose switches the control API sets and the settings they share (AWS's pace)."""

    def __init__(self, upstream, patches=(), faults=None, log_path=None, credentials=None, settings=None):
        self.upstream = urllib.parse.urlsplit(upstream)
        # access key → (secret, session token or None); moto's own test keys by default.
        self.credentials = credentials or {'testing': ('testing', None)}
        self.upstream_url = upstream.rstrip('/')
        self.patches = list(patches)
        self.settings = settings
        self.faults = faults or FaultPlan()
        self.stats = Stats(self.upstream_url, log_path)
        self.registry = Registry()
        self.local = threading.local()

    # ------------------------------------------------------------------ control API
    def control(self, method, path, body):
        """Returns (status, JSON-able) for /_berth/... ."""
        route = path[len(CONTROL):]
        parsed = urllib.parse.urlsplit(route)
        name, query = parsed.path.strip('/'), urllib.parse.parse_qs(parsed.query)
        if (method, name) == ('GET', 'stats'):
            return 200, self.stats.snapshot()
        if (method, name) == ('GET', 'requests'):
            return 200, self.stats.records()
        if (method, name) == ('POST', 'reset'):
            self.stats.reset()
            self.forget_pace()
            return 200, self.stats.snapshot()
        if (method, name) == ('POST', 'faults'):
            spec = body.get('spec', query.get('spec', [''])[0])
            seed = body.get('seed', query.get('seed', ['0'])[0])
            try:
                self.faults = FaultPlan(spec, int(seed))
            except ValueError as e:
                return 400, {'error': str(e)}
            return 200, self.faults.describe()
        if name.startswith('registry/'):
            return self.registry.control(method, name[len('registry/'):], body, query, None)
        if name.startswith('pace/') and self.settings is not None:
            return pace.control(self.settings, method, name[len('pace/'):], body)
        if (method, name) == ('GET', 'state'):
            return 200, self.state()
        if (method, name) == ('POST', 'reset-switches'):
            self.reset_patches()
            return 200, self.state()
        prefix, _, action = name.partition('/')
        for patch in self.patches:
            if patch.prefix == prefix:
                return patch.control(method, action, body)
        return 404, {'error': f'no such endpoint: {method} {path}'}

    def state(self):
        import moto
        out = {'moto': moto.__version__, 'upstream': self.upstream_url, 'faults': self.faults.describe(),
               'patches': {patch.name: patch.state() for patch in self.patches}}
        if self.settings is not None:
            out['pace'] = {'scale': self.settings.pace, 'callLatencyMs': self.settings.call_latency_ms}
        return out

    def reset_patches(self):
        """Disarms every patch's switches and forgets what pace modelled (moto's reset does too)."""
        for patch in self.patches:
            patch.reset()
        self.forget_pace()

    def forget_pace(self):
        if self.settings is not None:
            self.settings.pace_log.reset()

    def call_latency(self):
        """AWS's pace: every AWS call takes the configured latency (real time) before it is answered."""
        if self.settings is not None and self.settings.call_latency_ms > 0:
            self.settings.pace_log.delay(self.settings.call_latency_ms)

    # ------------------------------------------------------------------ forwarding
    def connection(self):
        conn = getattr(self.local, 'conn', None)
        if conn is None:
            conn = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port or 80, timeout=120)
            self.local.conn = conn
        return conn

    def forward(self, method, target, headers, body):
        """Sends the request on unchanged (Host included: it is signed); returns (status, headers, body)."""
        for attempt in (0, 1):
            conn = self.connection()
            try:
                conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
                for key, value in headers:
                    if key.lower() not in HOP_BY_HOP and key.lower() != 'content-length':
                        conn.putheader(key, value)
                conn.putheader('Content-Length', str(len(body)))
                conn.endheaders(body)
                response = conn.getresponse()
                data = response.read()
                if response.will_close:
                    conn.close()
                    self.local.conn = None
                return response.status, response.getheaders(), data
            except (ConnectionError, http.client.HTTPException, OSError):
                conn.close()
                self.local.conn = None
                if attempt:
                    raise


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'BerthLocalAWS'
    front: Front = None  # set per server

    def log_message(self, *_):
        pass

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def read_body(self):
        if 'chunked' in self.headers.get('Transfer-Encoding', '').lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b';')[0].strip() or b'0', 16)
                if size == 0:
                    while self.rfile.readline() not in (b'\r\n', b'\n', b''):
                        pass
                    return b''.join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length) if length else b''
        # A client that gives up before its body arrived (libcurl resending after a dropped
        # connection can do that) sent no request at all: AWS would time it out, not judge it.
        return body if len(body) == length else None

    def respond(self, status, headers, body):
        self.send_response_only(status)
        length = str(len(body))
        for key, value in (headers.items() if isinstance(headers, dict) else headers):
            if key.lower() == 'content-length' and self.command == 'HEAD':
                # A HEAD answer has no body but tells the length a GET would have (S3
                # HeadObject's Content-Length is the object's size).
                length = value
                continue
            if key.lower() in HOP_BY_HOP or key.lower() in ('content-length', 'date', 'server'):
                continue
            self.send_header(key, value)
        self.send_header('Content-Length', length)
        self.end_headers()
        if self.command != 'HEAD':
            self.wfile.write(body)

    def drop(self):
        """Ends the connection without an answer: a reset, as a dropped connection looks to a client."""
        self.close_connection = True
        try:
            # Linger 0 and close now: the peer gets a TCP RST. (A graceful shutdown would send a
            # FIN, which an HTTP client may take as a stale keep-alive and silently resend.)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            self.connection.close()
        except OSError:
            pass

    def handle_any(self):
        front, started = self.front, time.monotonic()
        body = self.read_body()
        if body is None:
            print(f'incomplete request: {self.command} {self.path} ended before its body', file=sys.stderr, flush=True)
            self.close_connection = True
            return
        if self.path.startswith('/v2/') or self.path == '/v2':
            self.respond(*front.registry.handle(self.command, self.path, self.headers, self.headers.get('Host', '')))
            return
        if self.path.startswith(CONTROL + 'registry/token'):
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            self.respond(*front.registry.token(query, self.headers))
            return
        if self.path.startswith(CONTROL):
            try:
                payload = json.loads(body or b'{}')
                if not isinstance(payload, dict):
                    raise ValueError('expected a JSON object')
            except ValueError as e:
                status, answer = 400, {'error': f'bad JSON body: {e}'}
            else:
                status, answer = front.control(self.command, self.path, payload)
            self.respond(status, {'Content-Type': 'application/json'}, json.dumps(answer, default=str).encode())
            return
        if self.path.startswith('/moto-api/'):
            # moto's own API; a reset also disarms this emulator's switches.
            if self.command == 'POST' and self.path.startswith('/moto-api/reset'):
                front.reset_patches()
            self.respond(*front.forward(self.command, self.path, self.headers.items(), body))
            return
        call = classify(self.command, self.path, self.headers, body)
        record = {'time': time.time(), 'method': self.command, 'path': self.path.split('?')[0], 'service': call.service,
                  'operation': call.operation, 'mutating': call.mutating, 'status': None, 'fault': None,
                  'auth': 'ok', 'validation': 'unchecked', 'error': None, 'forwarded': False, 'ms': 0}
        try:
            reply = self.answer(call, body, record)
        finally:
            # Counted before the client hears back, so a test that reads the counters right
            # after its call always finds that call there.
            record['ms'] = round((time.monotonic() - started) * 1000, 1)
            front.stats.add(record)
        if reply is None:
            self.drop()
        else:
            self.respond(*reply)

    def answer(self, call, body, record):
        """What to send for an AWS request, filling in its record: (status, headers, body), or
        None to drop the connection."""
        front, request_id = self.front, str(uuid.uuid4())
        front.call_latency()
        kind, variant = front.faults.draw()
        try:
            verify(self.command, self.path, self.headers, body, front.credentials)
        except Refusal as refusal:
            code = refusal_code(refusal, call.protocol)
            status = 400 if code == 'XAmzContentSHA256Mismatch' else 403
            headers, answer = error_body(call.protocol, code, refusal.message, request_id)
            record.update(auth=refusal.kind, status=status, error=code)
            if refusal.detail:
                print(f'refused {call.service} {call.operation}: {refusal.message}\n{refusal.detail}', file=sys.stderr, flush=True)
            return status, headers, answer
        if kind == 'latency':
            record['fault'] = 'latency'
            time.sleep(front.faults.latency)
        if kind in ('throttle', 'error500'):
            status, headers, answer, code = error_response(kind, variant, call, request_id)
            record.update(fault=kind, status=status, error=code)
            return status, headers, answer
        if kind == 'reset' and variant < 0.5:
            record['fault'] = 'reset-before'
            return None
        status, headers, answer = front.forward(self.command, self.path, self.headers.items(), body)
        record.update(forwarded=True, status=status)
        if status >= 400:
            record['error'] = error_code(answer)
        if kind == 'reset':
            record['fault'] = 'reset-after'
            return None
        return status, headers, answer

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = handle_any


def error_code(body):
    """The AWS error code in an error body, JSON or XML; None when there is none."""
    text = body[:4096].decode('utf-8', 'replace')
    for start, end in (('<Code>', '</Code>'), ('"__type": "', '"'), ('"__type":"', '"')):
        i = text.find(start)
        if i >= 0:
            j = text.find(end, i + len(start))
            if j > i:
                return text[i + len(start):j].rsplit('#', 1)[-1]
    return None


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(front, host='127.0.0.1', port=0):
    """Starts the front; returns the server (serve_forever not yet called)."""
    handler = type('BoundHandler', (Handler,), {'front': front})
    return Server((host, port), handler)
