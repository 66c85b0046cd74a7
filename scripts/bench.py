#!/usr/bin/env python3
"""Start-up, rendering and memory figures of Berth's release binary, as issue 16 sets the goals:
`berth --version` <= 10 ms, `berth template` of the example <= 20 ms, `berth validate` of a
200-service file <= 40 ms (medians of 20 runs), peak memory of a first deploy of the example <= 40 MB.
Prints min / median / max per figure and the binary's size stripped and unstripped. A benchmark,
never a test: the figures depend on the machine.

    scripts/bench.py [--binary PATH] [--runs 20] [--no-deploy]

Without --binary it builds the release binary (scripts/build-release.sh). The deploy runs against
Berth's local AWS (scripts/emulator.sh), as the demo does.
"""
import argparse
import json
import os
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


def deploy_memory(binary, env):
    """Peak resident memory (MB) of a first `berth deploy --env dev` of the example on the local AWS."""
    url = subprocess.run([os.path.join(ROOT, 'scripts', 'emulator.sh'), 'start'], check=True, capture_output=True,
                         text=True).stdout.strip()
    try:
        emulator = open(os.path.join(ROOT, '.build', 'emulator', 'emulator-url')).read().strip()
        env = dict(env, AWS_ENDPOINT_URL=url, AWS_ACCESS_KEY_ID='testing', AWS_SECRET_ACCESS_KEY='testing',
                   AWS_EC2_METADATA_DISABLED='true', BERTH_DOCKER_HUB_MIRROR=emulator)
        env.pop('AWS_PROFILE', None)
        env.pop('BERTH_IMAGE_LOOKUP', None)
        urllib.request.urlopen(urllib.request.Request(emulator + '/moto-api/reset', method='POST')).read()
        subprocess.run([os.path.join(ROOT, '.venv', 'bin', 'python'), os.path.join(ROOT, 'scripts', 'seed-ecr-image.py'),
                        emulator, 'eu-west-1', 'website/site', 'latest'], check=True, capture_output=True)
        result = subprocess.run(['/usr/bin/time', '-f', '%M', binary, 'deploy', '--env', 'dev'], cwd=EXAMPLE, env=env,
                                capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f'bench: the deploy failed:\n{result.stderr[-2000:]}')
        return int(result.stderr.strip().splitlines()[-1]) / 1024
    finally:
        subprocess.run([os.path.join(ROOT, 'scripts', 'emulator.sh'), 'stop'], capture_output=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--binary')
    parser.add_argument('--runs', type=int, default=20)
    parser.add_argument('--no-deploy', action='store_true', help='skip the deploy (no local AWS needed)')
    options = parser.parse_args()
    binary = options.binary or subprocess.run([os.path.join(ROOT, 'scripts', 'build-release.sh')], check=True,
                                              capture_output=True, text=True).stdout.strip()
    env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'HOME': tempfile.mkdtemp(), 'LANG': 'C.UTF-8',
           'BERTH_IMAGE_LOOKUP': 'off', 'AWS_REGION': 'eu-west-1'}
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
