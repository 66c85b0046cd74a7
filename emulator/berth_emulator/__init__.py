"""Berth's local AWS: moto, with the AWS behaviour Berth relies on that moto lacks, behind a front
that counts calls, logs them, injects seeded faults and answers a small control API.

    python -m berth_emulator --port 0              # moto + patches + front; prints READY <url>
    python -m berth_emulator --upstream URL ...    # a second front (own faults, own counters) before URL
    python -m berth_emulator --pace 0.01           # AWS's pace: modelled durations x 0.01 (docs/pace.md)

See emulator/README.md for each behaviour, the AWS documentation it follows, and the control API.
"""
