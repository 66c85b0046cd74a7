"""One emulator per test session, started as `python -m berth_emulator` on a free port; each test
that asks for `aws` gets moto's state, the switches and the counters reset first."""
import collections
import json
import os
import pathlib
import subprocess
import sys
import threading
import urllib.request

import boto3
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


class Emulator:
    def __init__(self, url, process=None):
        self.url, self.process = url, process
        self.output = collections.deque(maxlen=500)  # the last lines it wrote (moto logs every request)

    def client(self, service, region='us-east-1', **kwargs):
        return boto3.client(service, endpoint_url=self.url, region_name=region, aws_access_key_id='testing',
                            aws_secret_access_key='testing', **kwargs)

    def control(self, method, path, body=None):
        """Calls the control API (`/_berth/...`) or moto's; returns the decoded JSON answer."""
        data = json.dumps(body).encode() if body is not None else (b'' if method == 'POST' else None)
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
        return json.loads(raw) if raw.strip().startswith((b'{', b'[')) else raw

    def reset(self):
        self.control('POST', '/moto-api/reset')
        self.control('POST', '/_berth/reset')


def start(*arguments):
    """Starts an emulator process with these arguments; returns it once it printed READY."""
    process = subprocess.Popen([sys.executable, '-m', 'berth_emulator', '--port', '0', *arguments], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, 'PYTHONPATH': str(ROOT)})
    line = process.stdout.readline()
    if not line.startswith('READY '):
        process.kill()
        raise RuntimeError(f'emulator did not start: {line}{process.stderr.read()}')
    emulator = Emulator(line.split()[1], process)
    # Read what it writes from now on: a full pipe would block the emulator's thread that writes next (moto's
    # server logs a line per request) and with it every call after.
    for stream in (process.stdout, process.stderr):
        threading.Thread(target=collections.deque.extend, args=(emulator.output, stream), daemon=True).start()
    return emulator


def stop(emulator):
    emulator.process.terminate()
    emulator.process.wait(timeout=10)


@pytest.fixture(scope='session')
def emulator():
    emulator = start('--ecs-polls', '2', '--cfn-polls', '1')
    yield emulator
    stop(emulator)


@pytest.fixture
def aws(emulator):
    emulator.reset()
    return emulator
