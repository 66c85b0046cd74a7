"""Counters per operation and the recent request log (GET /_berth/stats, /_berth/requests)."""
import collections
import copy
import json
import threading

RECENT = 10_000


class Stats:
    def __init__(self, upstream, log_path=None):
        self.upstream = upstream
        self.lock = threading.Lock()
        self.log = open(log_path, 'a', buffering=1) if log_path else None
        self.reset()

    def reset(self):
        with self.lock:
            self.total = self.mutating = self.reads = self.forwarded = self.mutating_forwarded = self.refused = 0
            self.faults = collections.Counter()
            self.by_service = collections.Counter()
            self.by_operation = {}
            self.recent = collections.deque(maxlen=RECENT)

    def add(self, record):
        with self.lock:
            self.total += 1
            if record['mutating']:
                self.mutating += 1
            else:
                self.reads += 1
            if record['forwarded']:
                self.forwarded += 1
                self.mutating_forwarded += 1 if record['mutating'] else 0
            if record['auth'] != 'ok':
                self.refused += 1
            if record['fault']:
                self.faults[record['fault']] += 1
            self.by_service[record['service'] or '?'] += 1
            key = f"{record['service'] or '?'}:{record['operation'] or record['method'] + ' ' + record['path']}"
            entry = self.by_operation.setdefault(key, {'count': 0, 'mutating': record['mutating'], 'status': {}})
            entry['count'] += 1
            status = str(record['status'] if record['status'] is not None else 'dropped')
            entry['status'][status] = entry['status'].get(status, 0) + 1
            self.recent.append(record)
            if self.log:
                self.log.write(json.dumps(record) + '\n')

    def snapshot(self):
        with self.lock:
            return {'total': self.total, 'mutating': self.mutating, 'reads': self.reads, 'forwarded': self.forwarded,
                    'mutating_forwarded': self.mutating_forwarded, 'refused': self.refused, 'faults': dict(self.faults),
                    'by_service': dict(self.by_service), 'by_operation': copy.deepcopy(self.by_operation),
                    'upstream': self.upstream}

    def records(self):
        with self.lock:
            return list(self.recent)
