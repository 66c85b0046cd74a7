"""A stand-in for AWS's session-manager-plugin, for `berth exec` tests: `--version` answers
$FAKE_PLUGIN_VERSION (default 1.2.707.0); any other call appends one JSON line to $FAKE_PLUGIN_LOG
with its arguments and the session it was handed (from AWS_SSM_START_SESSION_RESPONSE when its
first argument names that variable, as the real plugin reads it), then exits with $FAKE_PLUGIN_EXIT."""
import json
import os
import sys

args = sys.argv[1:]
if args == ['--version']:
    print(os.environ.get('FAKE_PLUGIN_VERSION', '1.2.707.0'))
    sys.exit(0)
session = os.environ.get(args[0]) if args and args[0] == 'AWS_SSM_START_SESSION_RESPONSE' else (args[0] if args else None)
with open(os.environ['FAKE_PLUGIN_LOG'], 'a') as out:
    out.write(json.dumps({'args': args, 'session': json.loads(session) if session else None}) + '\n')
sys.exit(int(os.environ.get('FAKE_PLUGIN_EXIT', '0')))
