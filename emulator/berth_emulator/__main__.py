"""python -m berth_emulator: start Berth's local AWS on a loopback port and print READY <url>."""
import argparse
import math
import os
import signal
import sys

from .faults import FaultPlan
from .pace import MAX_CALL_LATENCY_MS
from .settings import Settings


def main(argv=None):
    p = argparse.ArgumentParser(prog='python -m berth_emulator', description=__doc__.split(':', 1)[1].strip())
    p.add_argument('--port', type=int, default=0, help='port of the front on 127.0.0.1 (0 = a free one)')
    p.add_argument('--upstream', help='run only a front, forwarding to this URL (another emulator or a gate)')
    p.add_argument('--faults', default='', help='throttle=P,error500=P,reset=P,latency=P:SECONDS')
    p.add_argument('--seed', type=int, default=0, help='seed of the fault draws')
    p.add_argument('--log', help='append one JSON line per request to this file')
    p.add_argument('--ecs-polls', type=int, default=int(os.environ.get('BERTH_EMULATOR_ECS_POLLS', 2)),
                   help='describe_services calls until an ECS rollout completes (0 = at once)')
    p.add_argument('--ecs-task-polls', type=int, default=int(os.environ.get('BERTH_EMULATOR_ECS_TASK_POLLS', 2)),
                   help='describe_tasks calls a RunTask task shows RUNNING before it is STOPPED (0 = at the first)')
    p.add_argument('--cfn-polls', type=int, default=int(os.environ.get('BERTH_EMULATOR_CFN_POLLS', 1)),
                   help='describe_stacks calls during which a stack operation shows *_IN_PROGRESS (0 = at once)')
    p.add_argument('--codebuild-polls', type=int,
                   default=int(os.environ.get('BERTH_EMULATOR_CODEBUILD_POLLS', 3)),
                   help='batch_get_builds calls during which a CodeBuild build shows IN_PROGRESS (0 = at once)')
    p.add_argument('--data-dir', default=os.environ.get('BERTH_EMULATOR_DATA_DIR') or None,
                   help='where the container runner keeps EFS volumes and task directories (default: a temporary '
                        'directory, removed at exit)')
    p.add_argument('--runner-timeout', type=float,
                   default=float(os.environ.get('BERTH_EMULATOR_RUNNER_TIMEOUT', 300)),
                   help='seconds a task the container runner started may run before it is killed')
    # String defaults go through `type` too, so a bad environment value is reported as a bad flag would be.
    p.add_argument('--pace', type=float, default=os.environ.get('BERTH_EMULATOR_PACE') or '0', metavar='SCALE',
                   help="play AWS's pace: stack operations and ECS rollouts take AWS's modelled durations times SCALE "
                        '(0.01: a 180 s load balancer takes 1.8 s); 0 = off (docs/pace.md)')
    p.add_argument('--call-latency', type=float, metavar='MS',
                   default=os.environ.get('BERTH_EMULATOR_CALL_LATENCY_MS') or '0',
                   help='milliseconds added to every AWS call (real time, not scaled; default 0)')
    p.add_argument('--no-cfn-lint', action='store_true', help='accept templates that cfn-lint finds errors in')
    p.add_argument('--cfn-lint-ignore', default='', help='comma-separated cfn-lint rule ids to accept')
    p.add_argument('--cred', action='append', default=[], metavar='AKID:SECRET[:TOKEN]',
                   help='accept these credentials (repeatable; default testing:testing)')
    args = p.parse_args(argv)
    credentials = {}
    for item in args.cred or ['testing:testing']:
        key, secret, *token = item.split(':', 2)
        credentials[key] = (secret, token[0] if token else None)
    if args.ecs_polls < 0 or args.cfn_polls < 0 or args.ecs_task_polls < 0 or args.codebuild_polls < 0:
        p.error('--ecs-polls, --ecs-task-polls, --cfn-polls and --codebuild-polls must be >= 0')
    if args.runner_timeout <= 0:
        p.error('--runner-timeout must be > 0')
    if not math.isfinite(args.pace) or args.pace < 0:
        p.error('--pace must be a number >= 0 (0 = off)')
    if not math.isfinite(args.call_latency) or not 0 <= args.call_latency <= MAX_CALL_LATENCY_MS:
        p.error(f'--call-latency must be between 0 and {MAX_CALL_LATENCY_MS} milliseconds')
    try:
        faults = FaultPlan(args.faults, args.seed)
    except ValueError as e:
        p.error(str(e))

    from .front import Front, serve
    if args.upstream:
        front = Front(args.upstream, faults=faults, log_path=args.log, credentials=credentials)
    else:
        from .backend import install_patches, serve_moto
        settings = Settings(ecs_polls=args.ecs_polls, ecs_task_polls=args.ecs_task_polls, cfn_polls=args.cfn_polls,
                            codebuild_polls=args.codebuild_polls, data_dir=args.data_dir,
                            runner_timeout=args.runner_timeout, cfn_lint=not args.no_cfn_lint,
                            pace=args.pace, call_latency_ms=args.call_latency,
                            cfn_lint_ignore=frozenset(r.strip() for r in args.cfn_lint_ignore.split(',') if r.strip()))
        patches = install_patches(settings)
        for patch in patches:
            patch.warm_up()
        front = Front(serve_moto(), patches=patches, faults=faults, log_path=args.log, credentials=credentials,
                      settings=settings)
    server = serve(front, port=args.port)
    if not args.upstream:
        # What the container runner gives the processes it starts: this front, and credentials it accepts.
        key, (secret, token) = next(iter(credentials.items()))
        settings.endpoint_url, settings.credentials = f'http://127.0.0.1:{server.server_port}', (key, secret, token)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: sys.exit(0))
    print(f'READY http://127.0.0.1:{server.server_port}', flush=True)
    print(f'upstream {front.upstream_url}', flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
