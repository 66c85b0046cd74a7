#!/usr/bin/env python3
"""Start-up, rendering and memory figures of Berth's release binary, as issue 16 sets the goals:
`berth --version` <= 10 ms, `berth template` of the example <= 20 ms, `berth validate` of a
200-service file <= 40 ms (medians of 20 runs), peak memory of a first deploy of the example <= 40 MB.
Prints min / median / max per figure and the binary's size stripped and unstripped. A benchmark,
never a test: the figures depend on the machine.

    scripts/bench.py [--binary PATH] [--runs 20] [--no-deploy]
    scripts/bench.py --paced [SCALE] [--call-latency MS] [--paced-runs N] [--binary PATH]

Without --binary it builds the release binary (scripts/build-release.sh). The deploy runs against
Berth's local AWS (scripts/emulator.sh), as the demo does.

--paced measures instead (issue 16's other goal: a deploy within 10% of the critical path) a first
deploy of the example against an emulator of its own playing AWS's pace (emulator/docs/pace.md):
Berth's wall time next to the critical path of the deploy's dependency graph, both in real seconds
at SCALE (default 0.1; the critical path also unscaled, as AWS would take it), and where the
difference goes. Berth's pollers wait real seconds, so their lag is about as many seconds at any
scale and weighs more on a scaled-down path: it also prints the ratio the same overhead would give
over the unscaled path. Poll lag is random (backoff with jitter): take several runs.
"""
import argparse
import json
import os
import signal
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, 'examples', 'website')
GOALS = {'berth --version': 10, 'berth template (example)': 20, 'berth validate (200 services)': 40}


def timed(argv, cwd, env, runs):
    """Wall milliseconds of each of `runs` runs (after one warm-up run), failing on a non-zero exit."""
    subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return times


def many_services(directory, count=200):
    """A compose file of `count` services in chains of dependencies, each with its port declared
    (no registry lookups) and a named volume every tenth."""
    lines = ['name: many', 'services:']
    for index in range(count):
        lines += [f'  s{index}:', f'    image: "nginx:1.27-alpine"', '    expose: ["8080"]',
                  '    environment: {A: "1", B: "two"}']
        if index % 10:
            lines.append(f'    depends_on: [s{index - 1}]')
        else:
            lines.append(f'    volumes: ["v{index}:/data"]')
    lines.append('volumes:')
    lines += [f'  v{index}: {{}}' for index in range(0, count, 10)]
    with open(os.path.join(directory, 'compose.yaml'), 'w') as file:
        file.write('\n'.join(lines) + '\n')


def local_aws_env(env, endpoint, emulator):
    """The environment of a deploy of the example against the local AWS at `endpoint` (the emulator at
    `emulator`, behind a gate or not), after moto is reset and the image the example builds is put in
    its ECR, as a `berth push` would have: so every deploy starts from the same empty account, and
    needs neither docker nor a registry lookup outside (the emulator mirrors Docker Hub)."""
    env = dict(env, AWS_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID='testing', AWS_SECRET_ACCESS_KEY='testing',
               AWS_EC2_METADATA_DISABLED='true', BERTH_DOCKER_HUB_MIRROR=emulator)
    env.pop('AWS_PROFILE', None)
    env.pop('BERTH_IMAGE_LOOKUP', None)
    urllib.request.urlopen(urllib.request.Request(emulator + '/moto-api/reset', method='POST')).read()
    subprocess.run([os.path.join(ROOT, '.venv', 'bin', 'python'), os.path.join(ROOT, 'scripts', 'seed-ecr-image.py'),
                    emulator, 'eu-west-1', 'website/site', 'latest'], check=True, capture_output=True)
    return env


def deploy_memory(binary, env):
    """Peak resident memory (MB) of a first `berth deploy --env dev` of the example on the local AWS."""
    url = subprocess.run([os.path.join(ROOT, 'scripts', 'emulator.sh'), 'start'], check=True, capture_output=True,
                         text=True).stdout.strip()
    try:
        emulator = open(os.path.join(ROOT, '.build', 'emulator', 'emulator-url')).read().strip()
        env = local_aws_env(env, url, emulator)
        result = subprocess.run(['/usr/bin/time', '-f', '%M', binary, 'deploy', '--env', 'dev'], cwd=EXAMPLE, env=env,
                                capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f'bench: the deploy failed:\n{result.stderr[-2000:]}')
        return int(result.stderr.strip().splitlines()[-1]) / 1024
    finally:
        subprocess.run([os.path.join(ROOT, 'scripts', 'emulator.sh'), 'stop'], capture_output=True)


def start_emulator(directory, *flags):
    """An emulator of the benchmark's own on a free port, not scripts/emulator.sh's (whose one state
    directory a test run may be using), in a process group of its own so that stop_emulator ends all it
    started. Waits for its READY line as scripts/emulator.sh does. Returns (process, url)."""
    out, err = os.path.join(directory, 'emulator.out'), os.path.join(directory, 'emulator.err')
    with open(out, 'w') as stdout, open(err, 'w') as stderr:
        process = subprocess.Popen(
            [os.path.join(ROOT, '.venv', 'bin', 'python'), '-m', 'berth_emulator', '--port', '0',
             '--log', os.path.join(directory, 'emulator.jsonl'), *flags],
            env=dict(os.environ, PYTHONPATH=os.path.join(ROOT, 'emulator')), stdin=subprocess.DEVNULL, stdout=stdout,
            stderr=stderr, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with open(out) as lines:
            for line in lines:
                if line.startswith('READY '):
                    return process, line.split()[1]
        if process.poll() is not None:
            sys.exit(f'bench: the emulator exited before it was ready:\n{open(err).read()[-2000:]}')
        time.sleep(0.2)
    stop_emulator(process)
    sys.exit('bench: the emulator did not become ready in 60 s')


def stop_emulator(process):
    """Ends the emulator's process group: TERM, then KILL after 5 s."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(5)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def compose_waits(binary, env):
    """{compose service: {dependency: whether it waits until the dependency is stable}}, from the
    normalized `berth config`: Berth creates a service after those it depends on exist, and waits for
    a dependency to be stable first when the condition is service_healthy or
    service_completed_successfully (Site.taskWaves, ServicesReconciler.reconcileServices). Those waits
    are the services layer's part of the dependency graph."""
    config = json.loads(subprocess.run([binary, 'config', '--env', 'dev', '--output', 'json'], cwd=EXAMPLE, env=env,
                                       check=True, capture_output=True, text=True).stdout)
    return {name: {other: (edge or {}).get('condition', 'service_started') != 'service_started'
                   for other, edge in (service.get('depends_on') or {}).items()}
            for name, service in config['services'].items()}


def paced_deploy(binary, env, scale, latency, directory):
    """One first `berth deploy --env dev --yes` of the example against a fresh emulator playing AWS's
    pace at `scale` with `latency` ms per call. Returns the deploy's start (epoch seconds, the
    emulator's clock), Berth's wall time, what the emulator modelled (GET /_berth/pace/state), and the
    deploy's AWS calls (its request log)."""
    process, url = start_emulator(directory, '--pace', str(scale), '--call-latency', str(latency))
    try:
        env = local_aws_env(env, url, url)
        with open(os.path.join(directory, 'deploy.out'), 'w') as out:
            began, start = time.time(), time.perf_counter()
            result = subprocess.run([binary, 'deploy', '--env', 'dev', '--yes'], cwd=EXAMPLE, env=env, stdout=out,
                                    stderr=subprocess.STDOUT)
            wall = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f'bench: the paced deploy failed:\n{open(out.name).read()[-2000:]}')
        state = json.load(urllib.request.urlopen(url + '/_berth/pace/state'))
    finally:
        stop_emulator(process)
    with open(os.path.join(directory, 'emulator.jsonl')) as log:
        calls = [call for call in map(json.loads, log) if call['time'] >= began]
    return began, wall, state, calls


def critical_path(state, began, waits):
    """The least any client could take for the deploy, in real seconds at the state's scale, and the
    waits it is made of, each with its place on the path and where Berth actually had it.

    The graph is Berth's plan: the top-level stack operations one after another (a nested stack's
    operation is inside its parent's, and so is a rollout of a service a stack makes), then the
    services layer, whose rollouts all need the infrastructure stack's outputs; among them a service
    starts after the services it depends on started, or ended when it waits for them to be stable
    (`waits`, by compose service; an ECS service is named after its task). Each wait lasts what the
    emulator modelled (seconds x scale), not what it took, so Berth's lag between waits is counted
    once, in the wall time. Every AWS call's latency is Berth's too: a client can overlap most calls."""
    scale = state['scale']
    stacks = [op for op in state['stacks'] if op['start'] >= began and not op['nestedIn']]
    inside = lambda rollout: any(op['start'] <= rollout['start'] < op['end'] for op in stacks)
    rollouts = [r for r in state['deployments'] if r['start'] >= began and not inside(r)]
    path, rows = 0.0, []
    before = ('deploy start', 0.0)
    for op in stacks:
        rows.append({'wait': f"stack {op['stack']} {op['operation']}", 'seconds': op['seconds'], 'from': path,
                     'to': path + op['seconds'] * scale, 'start': op['start'] - began, 'end': op['end'] - began,
                     'after': before})
        path = rows[-1]['to']
        before = (rows[-1]['wait'], rows[-1]['end'])
    layer = path
    planned = {}
    for rollout in sorted(rollouts, key=lambda r: r['start']):
        name = rollout['service']
        gates = [(before, layer)] + [
            ((planned[other]['wait'], planned[other]['end'] if stable else planned[other]['start']),
             planned[other]['to'] if stable else planned[other]['from'])
            for other, stable in waits.get(name, {}).items() if other in planned]
        after, at = max(gates, key=lambda gate: (gate[1], gate[0][1]))
        planned[name] = {'wait': f"rollout {name} ({rollout['kind']})", 'seconds': rollout['seconds'], 'from': at,
                         'to': at + rollout['seconds'] * scale, 'start': rollout['start'] - began,
                         'end': rollout['end'] - began, 'after': after}
        rows.append(planned[name])
    return max([path] + [row['to'] for row in rows]), rows


def noticed(rows, calls, began):
    """Adds to each wait when Berth first polled after its modelled end (`seen`, seconds from the
    deploy's start): DescribeStacks for a stack, DescribeServices for a rollout. The request log does
    not say which service a DescribeServices asked about, so with rollouts waited for together it is
    the earliest it can have been. A wait of no time (a stack deleted at once) is seen at its end."""
    polls = {'stack': 'DescribeStacks', 'rollout': 'DescribeServices'}
    for row in rows:
        operation = polls[row['wait'].split()[0]]
        after = [call['time'] - began for call in calls
                 if call['operation'] == operation and call['time'] - began >= row['end']]
        row['seen'] = row['end'] if not row['seconds'] or not after else min(after)
    return rows


def paced_figures(binary, env, scale, latency, runs):
    """Runs `runs` paced deploys and prints, per run, Berth's wall time next to the critical path, and
    for the last one where the difference went. Per wait: its place on the critical path, when it ran
    (the emulator's model, in real time), when Berth first polled after it ended (poll lag: Berth's
    waiters sleep real seconds, which pace does not scale), and the gap since what it had to follow
    ended (poll lag plus Berth's calls between waits)."""
    waits = compose_waits(binary, env)
    results = []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as directory:
            began, wall, state, calls = paced_deploy(binary, env, scale, latency, directory)
        path, rows = critical_path(state, began, waits)
        if not path:
            sys.exit('bench: the emulator modelled no wait of the deploy (GET /_berth/pace/state); is pace on?')
        rows = noticed(rows, calls, began)
        results.append({'wall': wall, 'criticalPath': path, 'ratio': wall / path, 'waits': rows,
                        'calls': len(calls), 'firstCall': min((c['time'] for c in calls), default=began) - began,
                        'delayedMs': state['calls']['delayedMs']})
        print(f'paced deploy {run + 1}/{runs}: wall {wall:6.1f}s   critical path {path:6.1f}s '
              f'({path / scale:.0f} s on AWS)   ratio {wall / path:.2f}   goal <= 1.10 '
              f'{"ok" if wall <= 1.1 * path else "MISSED"}', flush=True)
    walls, ratios = [r['wall'] for r in results], [r['ratio'] for r in results]
    last = results[-1]
    # Berth's overhead is real seconds at any scale (its pollers' lag does not shrink with the
    # waits), so the same overhead over the unscaled path is what the ratio would be on AWS.
    aws = last['criticalPath'] / scale
    projected = statistics.median((r['wall'] - r['criticalPath'] + aws) / aws for r in results)
    print(f'first deploy of the example at pace {scale}, {latency:g} ms per call ({runs} runs): wall min '
          f'{min(walls):.1f}s median {statistics.median(walls):.1f}s max {max(walls):.1f}s; critical path '
          f'{last["criticalPath"]:.1f}s; ratio median {statistics.median(ratios):.2f}   <= 1.10 '
          f'{"ok" if statistics.median(ratios) <= 1.1 else "MISSED"}')
    print(f'  the same overhead over the path at AWS\'s pace ({aws:.0f} s): ratio median {projected:.2f}   <= 1.10 '
          f'{"ok" if projected <= 1.1 else "MISSED"}')
    print(f'  the last run, in seconds from the deploy\'s start ({last["calls"]} AWS calls, the first at '
          f'{last["firstCall"]:.2f}s, {last["delayedMs"] / 1000:.1f}s of call latency in all):')
    print(f'  {"wait":30} {"model":>6} {"critical path":>13} {"ran (model)":>13} {"seen":>6} {"gap":>6}  after')
    for row in last['waits']:
        after, ended = row['after']
        print(f'  {row["wait"]:30} {row["seconds"]:5.0f}s {row["from"]:5.1f} -{row["to"]:5.1f}s '
              f'{row["start"]:5.1f} -{row["end"]:5.1f}s {row["seen"]:5.1f}s {row["start"] - ended:5.1f}s  {after}')
    finished = max(last['waits'], key=lambda row: row['end'])
    print(f'  {"deploy ends":30} {"":6} {last["criticalPath"]:13.1f}s {last["wall"]:13.1f}s {"":6} '
          f'{last["wall"] - finished["end"]:5.1f}s  {finished["wait"]}')
    # Back from the last wait through what each followed: its gaps and the time after it are all
    # the deploy spent beyond the critical path (the waits themselves last their modelled time).
    by_name, chain, row = {row['wait']: row for row in last['waits']}, [], finished
    while row:
        chain.append(row)
        row = by_name.get(row['after'][0])
    gaps = [row['start'] - row['after'][1] for row in chain]
    print(f'  wall - critical path = {last["wall"] - last["criticalPath"]:.1f}s, back from the last wait: '
          f'{last["wall"] - finished["end"]:.1f}s after it, ' + ', '.join(
              f'{gap:.1f}s before {row["wait"]}' for gap, row in zip(gaps, chain)))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--binary')
    parser.add_argument('--runs', type=int, default=20)
    parser.add_argument('--no-deploy', action='store_true', help='skip the deploy (no local AWS needed)')
    parser.add_argument('--paced', type=float, nargs='?', const=0.1, metavar='SCALE',
                        help="only the paced deploy: AWS's durations times SCALE (default 0.1)")
    parser.add_argument('--call-latency', type=float, default=30, metavar='MS',
                        help='with --paced: milliseconds the emulator adds to every AWS call (default 30)')
    parser.add_argument('--paced-runs', type=int, default=1, metavar='N', help='with --paced: deploys (default 1)')
    options = parser.parse_args()
    binary = options.binary or subprocess.run([os.path.join(ROOT, 'scripts', 'build-release.sh')], check=True,
                                              capture_output=True, text=True).stdout.strip()
    env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'HOME': tempfile.mkdtemp(), 'LANG': 'C.UTF-8',
           'BERTH_IMAGE_LOOKUP': 'off', 'AWS_REGION': 'eu-west-1'}
    if options.paced is not None:
        if options.paced <= 0:
            parser.error('--paced needs a scale > 0')
        results = paced_figures(binary, env, options.paced, options.call_latency, options.paced_runs)
        print(json.dumps({'scale': options.paced, 'callLatencyMs': options.call_latency, 'runs': results}), file=sys.stderr)
        return
    rows = []
    with tempfile.TemporaryDirectory() as many:
        many_services(many)
        for label, argv, cwd in [
            ('berth --version', [binary, '--version'], ROOT),
            ('berth template (example)', [binary, 'template', '--env', 'prod'], EXAMPLE),
            ('berth validate (200 services)', [binary, 'validate'], many),
        ]:
            times = timed(argv, cwd, env, options.runs)
            rows.append((label, min(times), statistics.median(times), max(times)))
    print(f'{os.path.basename(binary)}: {subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()}')
    print(f'{"":32} {"min":>8} {"median":>8} {"max":>8}   goal (median)')
    for label, low, middle, high in rows:
        goal = GOALS[label]
        print(f'{label:32} {low:7.1f}ms {middle:7.1f}ms {high:7.1f}ms   <= {goal} ms {"ok" if middle <= goal else "MISSED"}')
    unstripped = os.path.getsize(binary)
    with tempfile.TemporaryDirectory() as scratch:
        copy = os.path.join(scratch, 'berth')
        shutil.copy(binary, copy)
        subprocess.run(['strip', copy], check=True)
        stripped = os.path.getsize(copy)
    print(f'binary size: {unstripped / 1e6:.1f} MB unstripped, {stripped / 1e6:.1f} MB stripped')
    if not options.no_deploy:
        peak = deploy_memory(binary, env)
        print(f'first deploy of the example (local AWS): peak memory {peak:.1f} MB   <= 40 MB {"ok" if peak <= 40 else "MISSED"}')
    print(json.dumps({'runs': options.runs, 'rows': [dict(zip(('figure', 'min', 'median', 'max'), row)) for row in rows]}),
          file=sys.stderr)


if __name__ == '__main__':
    main()
