"""The container runner (patch ecs-runner, berth_emulator/patches/ecs_runner.py), with boto3 against the emulator:
tasks whose images the emulator stands in for run as host processes, with their volumes, dependencies, overrides,
output and exit codes; other tasks keep the simulated lifecycle."""
import io
import os
import pathlib
import subprocess
import sys
import tarfile
import time

import pytest

from berth_emulator.patches.ecs_runner import path_rewriter

CLUSTER = 'berth-jobs'
GROUP = '/berth/site/jobs'
ROOT = pathlib.Path(__file__).resolve().parent.parent
ALPINE = 'public.ecr.aws/docker/library/alpine:3.20'
BUSYBOX = 'public.ecr.aws/docker/library/busybox@sha256:' + '0' * 64
AWS_CLI = 'public.ecr.aws/aws-cli/aws-cli:2.17.0'


def awslogs(prefix):
    return {'logDriver': 'awslogs', 'options': {'awslogs-group': GROUP, 'awslogs-region': 'us-east-1',
                                                'awslogs-stream-prefix': prefix}}


class Jobs:
    """A cluster, a log group, a subnet, an EFS file system and a bucket: what Berth's backup and restore tasks use."""

    def __init__(self, aws):
        self.aws = aws
        self.ecs, self.ec2, self.logs = aws.client('ecs'), aws.client('ec2'), aws.client('logs')
        self.efs, self.s3 = aws.client('efs'), aws.client('s3')
        vpc = self.ec2.describe_vpcs(Filters=[{'Name': 'is-default', 'Values': ['true']}])['Vpcs'][0]['VpcId']
        self.subnet = sorted(s['SubnetId'] for s in self.ec2.describe_subnets(
            Filters=[{'Name': 'vpc-id', 'Values': [vpc]}])['Subnets'])[0]
        self.ecs.create_cluster(clusterName=CLUSTER)
        self.logs.create_log_group(logGroupName=GROUP)
        self.fs = self.efs.create_file_system(CreationToken='berth-data')['FileSystemId']
        self.s3.create_bucket(Bucket='berth-backups')
        self.efs_root = pathlib.Path(self.state()['efsRoot'])

    def state(self):
        return self.aws.control('GET', '/_berth/ecsrun/state')

    def run_state(self, task):
        return next(r for r in self.state()['runs'] if r['taskArn'] == task['taskArn'])

    def register(self, family, containers, volumes=()):
        return self.ecs.register_task_definition(
            family=family, networkMode='awsvpc', requiresCompatibilities=['FARGATE'], cpu='256', memory='512',
            containerDefinitions=containers, volumes=list(volumes))['taskDefinition']['taskDefinitionArn']

    def run(self, task_definition, overrides=None):
        kwargs = {'overrides': overrides} if overrides else {}
        answer = self.ecs.run_task(cluster=CLUSTER, taskDefinition=task_definition, launchType='FARGATE',
                                   networkConfiguration={'awsvpcConfiguration': {'subnets': [self.subnet]}}, **kwargs)
        assert answer['failures'] == []
        return answer['tasks'][0]

    def describe(self, task):
        return self.ecs.describe_tasks(cluster=CLUSTER, tasks=[task['taskArn']])['tasks'][0]

    def wait(self, task, status='STOPPED', seconds=60):
        deadline = time.monotonic() + seconds
        while True:
            found = self.describe(task)
            if found['lastStatus'] == status or time.monotonic() > deadline:
                assert found['lastStatus'] == status, found
                return found
            time.sleep(0.05)

    def output(self, prefix, container, task):
        return [e['message'] for e in self.logs.get_log_events(
            logGroupName=GROUP, logStreamName=f'{prefix}/{container}/{task_id(task)}', startFromHead=True)['events']]

    def efs_volume(self, root='/', access_point=None):
        config = {'fileSystemId': self.fs, 'rootDirectory': root}
        if access_point:
            config = {'fileSystemId': self.fs, 'transitEncryption': 'ENABLED',
                      'authorizationConfig': {'accessPointId': access_point, 'iam': 'ENABLED'}}
        return {'name': 'data', 'efsVolumeConfiguration': config}


@pytest.fixture
def jobs(aws):
    return Jobs(aws)


def task_id(task):
    return task['taskArn'].rsplit('/', 1)[-1]


def containers(task):
    return [(c['name'], c['lastStatus'], c.get('exitCode')) for c in task['containers']]


def backup_definition(jobs, volume, key='site/backup.tgz'):
    """Berth's backup: an alpine container tars the volume into a task-local directory; the aws-cli container, once
    that succeeded, copies the archive to S3."""
    return jobs.register('backup', [
        {'name': 'archive', 'image': ALPINE, 'essential': False, 'entryPoint': ['/bin/sh', '-c'],
         'command': ['set -e; tar -C /mnt/data -czf /scratch/backup.tgz . ; echo "archived $(ls /mnt/data | wc -l) '
                     'entries"; echo to-stderr >&2'],
         'mountPoints': [{'sourceVolume': 'data', 'containerPath': '/mnt/data', 'readOnly': True},
                         {'sourceVolume': 'scratch', 'containerPath': '/scratch'}],
         'logConfiguration': awslogs('backup')},
        {'name': 'upload', 'image': AWS_CLI, 'essential': True,
         'command': ['s3', 'cp', '--only-show-errors', '/scratch/backup.tgz', f's3://berth-backups/{key}'],
         'dependsOn': [{'containerName': 'archive', 'condition': 'SUCCESS'}],
         'mountPoints': [{'sourceVolume': 'scratch', 'containerPath': '/scratch'}],
         'logConfiguration': awslogs('backup')}],
        volumes=[volume, {'name': 'scratch'}])


def test_backup_archives_an_efs_directory_into_s3(jobs):
    site = jobs.efs_root / jobs.fs / 'site'
    (site / 'uploads').mkdir(parents=True)
    (site / 'uploads' / 'a.txt').write_text('first file\n')
    (site / 'db.sqlite').write_bytes(b'\x00\x01binary')
    task = jobs.run(backup_definition(jobs, jobs.efs_volume('/site')))
    assert task['lastStatus'] == 'PENDING'
    stopped = jobs.wait(task)
    assert stopped['stopCode'] == 'EssentialContainerExited'
    assert stopped['stoppedReason'] == 'Essential container in task exited'
    assert containers(stopped) == [('archive', 'STOPPED', 0), ('upload', 'STOPPED', 0)]
    assert stopped['stoppedAt'] >= stopped['startedAt'] >= stopped['createdAt']
    assert stopped['attachments'][0]['status'] == 'DELETED'

    body = jobs.s3.get_object(Bucket='berth-backups', Key='site/backup.tgz')['Body'].read()
    with tarfile.open(fileobj=io.BytesIO(body)) as archive:
        names = sorted(n.lstrip('./') for n in archive.getnames() if n not in ('.', './'))
        assert names == ['db.sqlite', 'uploads', 'uploads/a.txt']
        assert archive.extractfile('./uploads/a.txt').read() == b'first file\n'

    # Every line, stdout and stderr, in the awslogs stream prefix/container/task id.
    assert jobs.output('backup', 'archive', task) == ['archived 2 entries', 'to-stderr']
    assert jobs.output('backup', 'upload', task) == []
    run = jobs.run_state(task)
    archive, upload = run['containers']
    assert archive['mounts'] == [
        {'containerPath': '/mnt/data', 'sourceVolume': 'data', 'hostPath': str(site), 'readOnly': True},
        {'containerPath': '/scratch', 'sourceVolume': 'scratch', 'hostPath': upload['mounts'][0]['hostPath'],
         'readOnly': False}]
    assert upload['mounts'][0]['hostPath'].startswith(run['directory'])
    assert os.path.isfile(os.path.join(upload['mounts'][0]['hostPath'], 'backup.tgz'))  # kept for inspection
    assert upload['command'][:3] == ['aws', 's3', 'cp'] and upload['argv'][0].endswith('/bin/aws')
    assert archive['output'] == ['archived 2 entries', 'to-stderr'] and archive['exitCode'] == 0


def test_restore_writes_into_efs_through_an_access_point_and_a_later_task_sees_it(jobs):
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode='w:gz') as tar:
        data = b'restored\n'
        info = tarfile.TarInfo('uploads/r.txt')
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    jobs.s3.put_object(Bucket='berth-backups', Key='site/backup.tgz', Body=archive.getvalue())
    access_point = jobs.efs.create_access_point(ClientToken='restore', FileSystemId=jobs.fs,
                                                RootDirectory={'Path': '/volumes/uploads'})['AccessPointId']
    restore = jobs.register('restore', [
        {'name': 'download', 'image': AWS_CLI, 'essential': False,
         'command': ['s3', 'cp', '--only-show-errors', 's3://berth-backups/site/backup.tgz', '/work/backup.tgz'],
         'mountPoints': [{'sourceVolume': 'work', 'containerPath': '/work'}]},
        {'name': 'extract', 'image': BUSYBOX, 'essential': True,
         'command': ['sh', '-c', 'tar -xzf /work/backup.tgz -C /restore && find /restore -type f | sort'],
         'dependsOn': [{'containerName': 'download', 'condition': 'SUCCESS'}],
         'mountPoints': [{'sourceVolume': 'work', 'containerPath': '/work'},
                         {'sourceVolume': 'data', 'containerPath': '/restore'}],
         'logConfiguration': awslogs('restore')}],
        volumes=[jobs.efs_volume(access_point=access_point), {'name': 'work'}])
    task = jobs.run(restore)
    assert containers(jobs.wait(task)) == [('download', 'STOPPED', 0), ('extract', 'STOPPED', 0)]
    target = jobs.efs_root / jobs.fs / 'volumes' / 'uploads'
    assert (target / 'uploads' / 'r.txt').read_text() == 'restored\n'
    assert jobs.output('restore', 'extract', task) == [f'{target}/uploads/r.txt']  # the host path: rewritten

    # The file system keeps it: a later task (same volume, root directory instead of access point) reads it.
    reader = jobs.register('reader', [
        {'name': 'cat', 'image': ALPINE, 'command': ['cat', '/efs/volumes/uploads/uploads/r.txt'],
         'mountPoints': [{'sourceVolume': 'data', 'containerPath': '/efs'}], 'logConfiguration': awslogs('reader')}],
        volumes=[jobs.efs_volume('/')])
    later = jobs.run(reader)
    assert containers(jobs.wait(later)) == [('cat', 'STOPPED', 0)]
    assert jobs.output('reader', 'cat', later) == ['restored']

    # DeleteFileSystem takes the files with it.
    jobs.efs.delete_access_point(AccessPointId=access_point)
    jobs.efs.delete_file_system(FileSystemId=jobs.fs)
    assert not (jobs.efs_root / jobs.fs).exists()


def test_a_dependency_that_can_never_be_met(jobs):
    definition = jobs.register('failing', [
        {'name': 'first', 'image': ALPINE, 'essential': False, 'command': ['sh', '-c', 'echo trying; exit 3'],
         'logConfiguration': awslogs('failing')},
        {'name': 'second', 'image': AWS_CLI, 'essential': True, 'command': ['s3', 'ls'],
         'dependsOn': [{'containerName': 'first', 'condition': 'SUCCESS'}], 'logConfiguration': awslogs('failing')}])
    task = jobs.run(definition)
    stopped = jobs.wait(task)
    assert containers(stopped) == [('first', 'STOPPED', 3), ('second', 'STOPPED', None)]
    assert stopped['stopCode'] == 'EssentialContainerExited'
    second = stopped['containers'][1]
    assert 'did not exit successfully' in second['reason']
    assert jobs.output('failing', 'first', task) == ['trying']
    streams = [s['logStreamName'] for s in jobs.logs.describe_log_streams(logGroupName=GROUP)['logStreams']]
    assert f'failing/second/{task_id(task)}' not in streams   # it never started
    assert jobs.run_state(task)['containers'][1]['pid'] is None


def test_overrides_environment_and_containers_without_dependencies_run_together(jobs):
    definition = jobs.register('together', [
        {'name': 'left', 'image': BUSYBOX, 'essential': True,
         'entryPoint': ['sh', '-c'], 'command': ['echo left'],
         'environment': [{'name': 'SIDE', 'value': 'left'}, {'name': 'KEEP', 'value': 'kept'}],
         'mountPoints': [{'sourceVolume': 'shared', 'containerPath': '/shared'}], 'logConfiguration': awslogs('t')},
        {'name': 'right', 'image': ALPINE, 'essential': False,
         'command': ['sh', '-c', 'touch /shared/right; while [ ! -f /shared/left ]; do sleep 0.05; done; echo right; '
                     'touch /shared/right-done'],
         'mountPoints': [{'sourceVolume': 'shared', 'containerPath': '/shared'}], 'logConfiguration': awslogs('t')}],
        volumes=[{'name': 'shared'}])
    # Each waits for the other's file: they only finish if they run at the same time.
    script = ('touch /shared/left; while [ ! -f /shared/right ]; do sleep 0.05; done; '
              'echo "$SIDE $KEEP $AWS_REGION"; env | grep -c "^AWS_ENDPOINT_URL=http://127.0.0.1:"; '
              'test -z "$PYTEST_CURRENT_TEST" && echo clean; '
              'while [ ! -f /shared/right-done ]; do sleep 0.05; done; sleep 0.2')
    task = jobs.run(definition, overrides={'containerOverrides': [
        {'name': 'left', 'command': [script], 'environment': [{'name': 'SIDE', 'value': 'overridden'}]}]})
    stopped = jobs.wait(task)
    assert containers(stopped) == [('left', 'STOPPED', 0), ('right', 'STOPPED', 0)]
    assert jobs.output('t', 'left', task) == ['overridden kept us-east-1', '1', 'clean']
    assert jobs.output('t', 'right', task) == ['right']
    left = jobs.run_state(task)['containers'][0]
    assert left['command'] == ['sh', '-c', script] and left['argv'][0] == '/bin/sh'


def test_stop_task_sigterm_then_sigkill_after_stop_timeout(jobs):
    definition = jobs.register('long', [
        {'name': 'web', 'image': ALPINE, 'command': ['sh', '-c', 'echo up; sleep 600'],
         'logConfiguration': awslogs('long')},
        {'name': 'stubborn', 'image': ALPINE, 'essential': False, 'stopTimeout': 1,
         'command': ['sh', '-c', 'trap "echo ignoring TERM" TERM; echo up; while true; do sleep 0.1; done'],
         'logConfiguration': awslogs('long')}])
    task = jobs.run(definition)
    running = jobs.wait(task, 'RUNNING')
    assert running['desiredStatus'] == 'RUNNING'
    deadline = time.monotonic() + 20
    while len(jobs.output('long', 'stubborn', task)) < 1 or len(jobs.output('long', 'web', task)) < 1:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert [c['lastStatus'] for c in jobs.describe(task)['containers']] == ['RUNNING', 'RUNNING']
    answer = jobs.ecs.stop_task(cluster=CLUSTER, task=task['taskArn'], reason='Stopped by berth (interrupted)')['task']
    assert answer['desiredStatus'] == 'STOPPED' and answer['stopCode'] == 'UserInitiated'
    stopped = jobs.wait(task)
    assert stopped['stoppedReason'] == 'Stopped by berth (interrupted)' and stopped['stopCode'] == 'UserInitiated'
    assert containers(stopped) == [('web', 'STOPPED', 143), ('stubborn', 'STOPPED', 137)]  # SIGTERM; SIGKILL after 1 s
    output = jobs.output('long', 'stubborn', task)   # (dash also reports its killed `sleep`: "Terminated")
    assert output[0] == 'up' and 'ignoring TERM' in output
    # Stopping it again changes nothing.
    again = jobs.ecs.stop_task(cluster=CLUSTER, task=task_id(task), reason='again')['task']
    assert again['stoppedReason'] == 'Stopped by berth (interrupted)'


def test_essential_exit_stops_the_others_and_start_timeout(jobs):
    definition = jobs.register('sidecar', [
        {'name': 'main', 'image': ALPINE, 'command': ['sh', '-c', 'sleep 0.3; exit 4']},
        {'name': 'sidecar', 'image': ALPINE, 'essential': False, 'command': ['sleep', '600']}])
    stopped = jobs.wait(jobs.run(definition))
    assert containers(stopped) == [('main', 'STOPPED', 4), ('sidecar', 'STOPPED', 143)]
    assert stopped['stoppedReason'] == 'Essential container in task exited'

    # startTimeout of the dependency: "If a startTimeout value is specified for containerB and it doesn't reach the
    # desired status within that time then containerA gives up and not start."
    slow = jobs.register('slow', [
        {'name': 'prepare', 'image': ALPINE, 'essential': False, 'startTimeout': 1, 'command': ['sleep', '600']},
        {'name': 'app', 'image': ALPINE, 'command': ['echo', 'never'],
         'dependsOn': [{'containerName': 'prepare', 'condition': 'COMPLETE'}]}])
    started = time.monotonic()
    stopped = jobs.wait(jobs.run(slow))
    assert time.monotonic() - started < 10
    assert containers(stopped) == [('prepare', 'STOPPED', 143), ('app', 'STOPPED', None)]
    assert 'startTimeout' in stopped['containers'][1]['reason']


def test_healthy_dependency_waits_for_the_health_check(jobs):
    definition = jobs.register('healthy', [
        {'name': 'db', 'image': ALPINE, 'essential': False,
         'command': ['sh', '-c', 'sleep 0.5; touch /run/db/ready; sleep 600'],
         'healthCheck': {'command': ['CMD-SHELL', 'test -f /run/db/ready'], 'interval': 1, 'timeout': 1,
                         'retries': 5},
         'mountPoints': [{'sourceVolume': 'run', 'containerPath': '/run/db'}]},
        {'name': 'app', 'image': ALPINE, 'command': ['sh', '-c', 'ls /run/db'],
         'dependsOn': [{'containerName': 'db', 'condition': 'HEALTHY'}],
         'mountPoints': [{'sourceVolume': 'run', 'containerPath': '/run/db'}], 'logConfiguration': awslogs('h')}],
        volumes=[{'name': 'run'}])
    task = jobs.run(definition)
    stopped = jobs.wait(task)
    assert containers(stopped) == [('db', 'STOPPED', 143), ('app', 'STOPPED', 0)]
    assert stopped['containers'][0]['healthStatus'] == 'HEALTHY'
    assert jobs.output('h', 'app', task) == ['ready']


def test_path_rewriting(jobs):
    rewrite = path_rewriter({'/mnt/x': '/H/x', '/mnt/x/sub': '/H/sub', '/data': '/D'})
    cases = {'/mnt/x': '/H/x', 'NAME=/mnt/x/sub': 'NAME=/H/sub', 'A=/mnt/x/sub/f': 'A=/H/sub/f',
             '/mnt/xy': '/mnt/xy', 'cp /data/a /mnt/x:ro': 'cp /D/a /H/x:ro', 'x="/data"': 'x="/D"',
             "'/data'": "'/D'", 'a,/data;b': 'a,/D;b', 'http://h/data': 'http://h/data', '/data2': '/data2',
             'tar -C /data -cf - . >/mnt/x/f.tar': 'tar -C /D -cf - . >/H/x/f.tar', 'x/data': 'x/data',
             '--dir=/data,/mnt/x/sub': '--dir=/D,/H/sub'}
    for text, expected in cases.items():
        assert rewrite(text) == expected, text

    definition = jobs.register('paths', [
        {'name': 'show', 'image': ALPINE, 'entryPoint': ['/bin/sh', '-c'],
         'command': ['echo "$BACKUP_DIR"; echo "$OPTS"; echo /mnt/x; echo /mnt/xy; ls /mnt/x/sub'],
         'environment': [{'name': 'BACKUP_DIR', 'value': '/mnt/x/sub'},
                         {'name': 'OPTS', 'value': 'NAME=/mnt/x/sub,/mnt/x'}],
         'mountPoints': [{'sourceVolume': 'outer', 'containerPath': '/mnt/x'},
                         {'sourceVolume': 'inner', 'containerPath': '/mnt/x/sub/'}],
         'logConfiguration': awslogs('paths')}],
        volumes=[{'name': 'outer'}, {'name': 'inner'}])
    task = jobs.run(definition)
    assert containers(jobs.wait(task)) == [('show', 'STOPPED', 0)]
    mounts = {m['containerPath']: m['hostPath'] for m in jobs.run_state(task)['containers'][0]['mounts']}
    outer, inner = mounts['/mnt/x'], mounts['/mnt/x/sub']
    assert jobs.output('paths', 'show', task) == [inner, f'NAME={inner},{outer}', outer, '/mnt/xy']


def test_tasks_with_other_images_keep_the_simulated_lifecycle(jobs):
    definition = jobs.register('mixed', [
        {'name': 'web', 'image': 'example/web:1', 'command': ['bin/serve'], 'logConfiguration': awslogs('web')},
        {'name': 'tool', 'image': ALPINE, 'essential': False, 'command': ['echo', 'not run'],
         'logConfiguration': awslogs('tool')}])
    task = jobs.run(definition)
    assert [jobs.describe(task)['lastStatus'] for _ in range(3)] == ['RUNNING', 'RUNNING', 'STOPPED']
    assert containers(jobs.describe(task)) == [('web', 'STOPPED', 0), ('tool', 'STOPPED', 0)]
    assert jobs.output('web', 'web', task) == ['bin/serve']       # the command line, as before
    assert jobs.output('tool', 'tool', task) == ['echo not run']
    assert jobs.state()['runs'] == []


def test_missing_file_system_fails_the_task_to_start(jobs):
    definition = jobs.register('nofs', [{'name': 'c', 'image': ALPINE, 'command': ['true'],
                                         'mountPoints': [{'sourceVolume': 'data', 'containerPath': '/d'}]}],
                               volumes=[{'name': 'data', 'efsVolumeConfiguration': {'fileSystemId': 'fs-0000ffff'}}])
    stopped = jobs.wait(jobs.run(definition))
    assert stopped['stopCode'] == 'TaskFailedToStart'
    assert stopped['stoppedReason'].startswith('ResourceInitializationError: failed to invoke EFS utils commands')
    assert containers(stopped) == [('c', 'STOPPED', None)]


def test_timeout_config_and_reset(aws, jobs):
    try:
        assert aws.control('POST', '/_berth/ecsrun/config', {'timeout': 0.5})['timeout'] == 0.5
        definition = jobs.register('forever', [{'name': 'c', 'image': ALPINE, 'command': ['sleep', '600']}])
        stopped = jobs.wait(jobs.run(definition))
        assert containers(stopped) == [('c', 'STOPPED', 137)]
        assert 'timeout' in stopped['stoppedReason']
        assert aws.control('GET', '/_berth/state')['patches']['ecs-runner']['timeout'] == 0.5
        for bad in (0, -1, 'ten', True):
            with pytest.raises(Exception, match='400'):
                aws.control('POST', '/_berth/ecsrun/config', {'timeout': bad})
    finally:
        aws.control('POST', '/_berth/ecsrun/config', {'timeout': 300})
    # A reset kills what still runs and forgets the runs and their directories; EFS files stay with their file system.
    (jobs.efs_root / jobs.fs).mkdir(parents=True)
    (jobs.efs_root / jobs.fs / 'kept.txt').write_text('kept')
    task = jobs.run(jobs.register('sleeper', [{'name': 'c', 'image': ALPINE, 'command': ['sleep', '600']}]))
    jobs.wait(task, 'RUNNING')
    deadline = time.monotonic() + 10
    while jobs.run_state(task)['containers'][0]['pid'] is None:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    run = jobs.run_state(task)
    pid = run['containers'][0]['pid']
    aws.control('POST', '/_berth/reset-switches')
    assert jobs.state()['runs'] == []
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not os.path.exists(run['directory'])
    assert (jobs.efs_root / jobs.fs / 'kept.txt').read_text() == 'kept'
    # moto's reset forgets the file systems, and so their files.
    aws.control('POST', '/moto-api/reset')
    assert not (jobs.efs_root / jobs.fs).exists()


def test_moved_moto_internals_stop_the_start():
    """EFS's DeleteFileSystem losing its parameter stops the start (exit 3), naming the runner."""
    script = ('import moto.efs.models as m\n'
              'm.EFSBackend.delete_file_system = lambda self: None\n'
              'from berth_emulator.backend import install_patches\n'
              'from berth_emulator.settings import Settings\n'
              'install_patches(Settings())\n')
    env = {**os.environ, 'PYTHONPATH': str(ROOT), 'BERTH_EMULATOR_ONLY': 'ecstask,ecsrun'}
    result = subprocess.run([sys.executable, '-c', script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env=env)
    assert result.returncode == 3, result.stderr
    assert 'ecs-runner: EFSBackend.delete_file_system() has no parameter(s) file_system_id' in result.stderr
