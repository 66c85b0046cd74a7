"""Counts the requests a checking gate refused, from its JSON-lines log; names each on stderr.

    python scripts/gate-refusals.py .build/emulator/gate.jsonl     # prints the count
"""
import json
import sys

refused = 0
with open(sys.argv[1]) as log:
    for line in log:
        record = json.loads(line)
        if record.get('auth') not in ('ok', 'off', None) or record.get('validation') not in ('ok', 'off', None):
            refused += 1
            print(f"gate refused: {record.get('service')} {record.get('operation')} auth={record.get('auth')} "
                  f"validation={record.get('validation')} {record.get('error')}", file=sys.stderr)
print(refused)
