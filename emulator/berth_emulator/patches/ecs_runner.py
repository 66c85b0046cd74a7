"""ECS tasks that really run (patch 'ecs-runner'): a task RunTask starts whose containers all use an image the emulator
can stand in for (alpine, busybox, the AWS CLI's; any tag or digest) runs each container's entryPoint + command as a
host process, with /bin/sh for the shell the command names and the emulator's own `aws` (the AWS CLI installed beside
it) for the aws-cli image. The processes talk to the emulator as if it were AWS, with the emulator's credentials
standing in for the task role's. So a backup task really puts its archive into moto's S3, and a restore task really
writes files into an EFS volume, which the host keeps in a directory per file system.

What ECS does that the runner follows (docs/ecs-runner.md quotes each source): containers start in `dependsOn` order
(START, COMPLETE, SUCCESS, HEALTHY) and give up when a dependency can never be met or its startTimeout passes; the task
is RUNNING while they run and STOPPED once an essential container exited (EssentialContainerExited), the others then
stopped in reverse dependency order with SIGTERM and, after their stopTimeout, SIGKILL; every line of output goes to
CloudWatch Logs as the awslogs driver names its stream; StopTask stops the processes the same way. Tasks with any other
image keep the ecs-tasks patch's simulated lifecycle, unchanged.

The host cannot mount at a container's paths, so the runner rewrites them: in each environment value and each
argument, a mount point's containerPath that starts the text or follows = : , ; whitespace a quote < > | & or (, and
is followed by its end, / : , ; whitespace a quote < > | & or ), becomes the host directory (longest path first).

Network: with the ecs-network patch (ecs_network.py) every container gets ECS_CONTAINER_METADATA_URI_V4, as Fargate
injects it, pointing at the emulator, and finds that patch's `nc` (berth_emulator/shims/nc) first on its PATH: the
processes share the host's network, so connections between tasks are modelled, not made.

Control API:
    GET  /_berth/ecsrun/state    the runs (task, containers: command, host argv, exit code, mounts, output tail),
                                 efsRoot (the directory holding <fileSystemId>/...), dataDir, timeout
    POST /_berth/ecsrun/config   {"timeout": SECONDS}  how long a run started from now on may take before it is killed
    GET  /_berth/ecsrun/metadata/<task id>/<container>[/task], POST /_berth/ecsrun/connect: see ecs_network.py
"""
import atexit
import collections
import os
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from .base import Patch, require, wrap
from .ecs import ESSENTIAL_EXITED, release_network

# The images the runner stands in for: repository -> (ENTRYPOINT, CMD) of the image (their Dockerfiles: alpine and
# busybox have no ENTRYPOINT and CMD ["/bin/sh"] / ["sh"]; amazon/aws-cli has ENTRYPOINT ["/usr/local/bin/aws"]).
IMAGES = {
    'public.ecr.aws/docker/library/alpine': ([], ['/bin/sh']),
    'public.ecr.aws/docker/library/busybox': ([], ['sh']),
    'public.ecr.aws/aws-cli/aws-cli': (['aws'], []),
}
SHELLS = frozenset({'sh', 'ash', 'dash', 'bash'})
# ContainerDefinition.stopTimeout: "For tasks that use the Fargate launch type, the max stop timeout value is 120
# seconds and if the parameter is not specified, the default value of 30 seconds is used."
STOP_TIMEOUT, STOP_TIMEOUT_MAX = 30, 120
# HealthCheck defaults: interval 30 s, timeout 5 s, retries 3, startPeriod off.
HEALTH_DEFAULTS = {'interval': 30, 'timeout': 5, 'retries': 3, 'startPeriod': 0}
CONDITIONS = ('START', 'COMPLETE', 'SUCCESS', 'HEALTHY')
TAIL = 200          # output lines kept per container for the state endpoint
TICK = 0.05         # seconds between two looks at the processes
EFS_FAILED = 'ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: '
# A path of a container: it starts the text or follows one of these, and ends the text or comes before one of those.
BEFORE = r'(?:^|(?<=[=:,;\s"\'<>|&(]))'
AFTER = r'(?=$|[/:,;\s"\'<>|&)])'
LOG_LOCK = threading.Lock()   # moto's log streams are not thread-safe ("to be thread safe this would need a lock")


def image_repository(image):
    """An image reference without its tag or digest: public.ecr.aws/docker/library/alpine:3.20 -> ...alpine."""
    name = (image or '').split('@', 1)[0]
    if ':' in name.rsplit('/', 1)[-1]:
        name = name[:name.rindex(':')]
    return name


def runnable(td):
    """Whether every container of the task definition uses an image the runner stands in for."""
    return bool(td.container_definitions) and all(
        image_repository(d.get('image')) in IMAGES for d in td.container_definitions)


def normalized_path(path):
    return posixpath.normpath('/' + str(path or '').strip().lstrip('/'))


def path_rewriter(mounts):
    """A function that replaces each container path of `mounts` ({containerPath: host directory}) in a text by its
    host directory, where the path stands as a path (see the module's docstring); the longest path wins."""
    table = {normalized_path(c): h for c, h in mounts.items() if normalized_path(c) != '/'}
    if not table:
        return lambda text: text
    paths = sorted(table, key=len, reverse=True)
    regex = re.compile(BEFORE + '(' + '|'.join(re.escape(p) for p in paths) + ')' + AFTER)
    return lambda text: regex.sub(lambda m: table[m.group(1)], text)


def exit_code_of(returncode):
    """A process's exit status as Docker reports it: killed by signal N is 128 + N."""
    return 128 - returncode if returncode < 0 else returncode


def seconds(value, default, maximum=None):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    if number <= 0:
        return default
    return min(number, maximum) if maximum else number


class Box:
    """One container of a live run: what it runs, where its volumes are, and what became of it."""

    def __init__(self, definition, container, override):
        self.definition, self.container = definition, container
        self.name = definition.get('name')
        self.image = definition.get('image')
        self.essential = definition.get('essential', True) is not False
        entrypoint, cmd = IMAGES[image_repository(self.image)]
        given_entry = definition.get('entryPoint') or None
        command = override.get('command') if override.get('command') is not None else definition.get('command')
        if command is None:
            # Docker: an entrypoint set for the container clears the image's CMD.
            command = [] if given_entry else cmd
        self.command = [str(a) for a in (given_entry or entrypoint) + list(command)]
        environment = {e.get('name'): str(e.get('value', '')) for e in definition.get('environment') or []
                       if e.get('name')}
        environment.update({e.get('name'): str(e.get('value', '')) for e in override.get('environment') or []
                            if e.get('name')})
        self.environment = environment
        self.depends = [(d.get('containerName'), str(d.get('condition') or 'START').upper())
                        for d in definition.get('dependsOn') or []]
        self.start_timeout = seconds(definition.get('startTimeout'), None)
        self.stop_timeout = seconds(definition.get('stopTimeout'), STOP_TIMEOUT, STOP_TIMEOUT_MAX)
        self.health = definition.get('healthCheck') or None
        self.mounts = []        # {"containerPath", "sourceVolume", "hostPath", "readOnly"}
        self.argv = None        # what the host runs
        self.process = self.reader = None
        self.status = 'PENDING'
        self.started = self.health_started = None  # time.monotonic() when it started
        self.started_at = self.finished_at = None   # the same moments as times of day (the metadata endpoint)
        self.exit_code = self.reason = None
        self.gave_up = False    # it will never start
        self.healthy = None if self.health else True
        self.health_failures, self.next_check, self.check = 0, None, None
        self.tail = collections.deque(maxlen=TAIL)
        self.log = None         # (logs backend, group, stream)

    @property
    def done(self):
        return self.status == 'STOPPED'

    def summary(self):
        return {'name': self.name, 'image': self.image, 'essential': self.essential, 'command': list(self.command),
                'argv': list(self.argv) if self.argv else None, 'pid': self.process.pid if self.process else None,
                'lastStatus': self.status,
                'exitCode': self.exit_code, 'reason': self.reason,
                'healthStatus': None if not self.health else
                ('HEALTHY' if self.healthy else 'UNHEALTHY' if self.healthy is False else 'UNKNOWN'),
                'mounts': [dict(m) for m in self.mounts], 'output': list(self.tail)}


class LiveRun:
    """One task whose containers run as host processes, moved by its own thread."""

    def __init__(self, patch, tasks, backend, run, td, overrides):
        self.patch, self.tasks, self.backend, self.run, self.td = patch, tasks, backend, run, td
        self.task = run.task
        self.timeout = patch.settings.runner_timeout
        self.directory = None
        self.stop_request = None      # (reason, stop code) once the task is to stop
        self.aborted = False          # a reset: kill everything and touch nothing
        self.wake = threading.Event()
        self.started = self.finished = None
        self.failure = None           # why the task could not start
        given = {o.get('name'): o for o in (overrides or {}).get('containerOverrides') or []}
        by_name = {c.name: c for c in self.task.containers}
        self.boxes = [Box(d, by_name.get(d.get('name')), given.get(d.get('name')) or {})
                      for d in td.container_definitions]
        self.thread = threading.Thread(target=self.main, name=f'ecs-runner {self.task.id}', daemon=True)

    # ------------------------------------------------------------------ the state endpoint
    def summary(self):
        return {'taskArn': self.task.task_arn, 'taskId': self.task.id, 'taskDefinitionArn': self.td.arn,
                'lastStatus': self.task.last_status, 'desiredStatus': self.task.desired_status,
                'stopCode': getattr(self.task, 'stop_code', None),
                'stoppedReason': getattr(self.task, 'stopped_reason', None), 'timeout': self.timeout,
                'directory': self.directory, 'failure': self.failure,
                'seconds': round((self.finished or time.monotonic()) - self.started, 3) if self.started else None,
                'containers': [b.summary() for b in self.boxes]}

    # ------------------------------------------------------------------ requests from other threads
    def request_stop(self, reason, code):
        if self.stop_request is None:
            self.stop_request = (reason, code)
        self.wake.set()

    def abort(self):
        self.aborted = True
        self.wake.set()

    # ------------------------------------------------------------------ the thread
    def main(self):
        try:
            self.prepare()
            if self.failure is not None:
                self.fail_to_start()
                return
            self.started = time.monotonic()
            with self.tasks.lock:
                if self.aborted:
                    return
                if self.stop_request is not None:   # StopTask before anything started: nothing ran
                    self.finish(ran=False)
                    return
                self.mark_running()
            self.loop()
        except Exception:  # noqa: BLE001 - a bug here must not leave the task RUNNING for ever
            import traceback
            traceback.print_exc(file=sys.stderr)
            self.kill_all(signal.SIGKILL)
            self.failure = self.failure or 'the container runner failed (see the emulator\'s output)'
            if not self.aborted:
                with self.tasks.lock:
                    if self.task.last_status != 'STOPPED':
                        self.finish(ran=self.started is not None, reason=self.failure, code='TaskFailedToStart')
        finally:
            self.finished = time.monotonic()

    def loop(self):
        """Starts what may start, notes what exited, until the task is to stop; then stops the rest."""
        essential = (ESSENTIAL_EXITED, 'EssentialContainerExited')
        while True:
            if self.aborted:
                self.kill_all(signal.SIGKILL)
                return
            self.collect_exits()
            self.health_checks()
            if self.stop_request is not None:
                break
            if time.monotonic() - self.started > self.timeout:
                self.request_stop(f'Task stopped by the emulator: it ran longer than the container runner\'s timeout '
                                  f'({self.timeout:g} seconds)', 'UserInitiated')
                self.shut_down(kill_at_once=True)
                return
            # An essential container exited (or will never start), a dependency's startTimeout ran out, or nothing
            # is left to run: the task stops.
            if any(b.essential and b.done for b in self.boxes) or self.start_ready() \
                    or all(b.done for b in self.boxes):
                self.request_stop(*essential)
                break
            self.wake.wait(TICK)
            self.wake.clear()
        self.shut_down()

    # ------------------------------------------------------------------ preparing: directories and volumes
    def prepare(self):
        """The task's directory, each volume's host directory, each container's mounts, argv and environment."""
        self.directory = os.path.join(self.patch.data_dir(), 'tasks', self.task.id)
        os.makedirs(self.directory, exist_ok=True)
        settings = self.patch.settings
        if not settings.endpoint_url:   # without it the AWS CLI would go to AWS itself: never
            self.failure = 'the container runner does not know the emulator\'s URL yet'
            return
        volumes = {}
        for volume in self.td.volumes or []:
            name = str(volume.get('name') or '')
            efs = volume.get('efsVolumeConfiguration')
            if efs:
                host = self.efs_directory(efs)
                if host is None:
                    return
            else:   # a bind mount on the task's ephemeral storage, shared by its containers
                host = os.path.join(self.directory, 'volumes', safe_name(name))
            os.makedirs(host, exist_ok=True)
            volumes[name] = host
        key, secret, token = settings.credentials or ('testing', 'testing', None)
        for box in self.boxes:
            home = os.path.join(self.directory, 'containers', safe_name(box.name), 'home')
            os.makedirs(home, exist_ok=True)
            for point in box.definition.get('mountPoints') or []:
                source = point.get('sourceVolume')
                if source not in volumes:   # not a volume of the task definition: task-local, as if it were one
                    volumes[source] = os.path.join(self.directory, 'volumes', safe_name(source))
                    os.makedirs(volumes[source], exist_ok=True)
                box.mounts.append({'containerPath': normalized_path(point.get('containerPath')),
                                   'sourceVolume': source, 'hostPath': volumes[source],
                                   'readOnly': bool(point.get('readOnly'))})
            rewrite = path_rewriter({m['containerPath']: m['hostPath'] for m in box.mounts})
            box.rewrite = rewrite
            env = {'PATH': self.patch.search_path(os.environ.get('PATH', os.defpath)), 'HOME': home,
                   'LANG': os.environ.get('LANG') or 'C.UTF-8', 'AWS_EXECUTION_ENV': 'AWS_ECS_FARGATE',
                   'AWS_REGION': self.backend.region_name, 'AWS_DEFAULT_REGION': self.backend.region_name}
            for name, value in box.environment.items():
                env[name] = rewrite(value)
            if 'PATH' in box.environment:
                env['PATH'] = self.patch.search_path(env['PATH'])
            # Never anything but this emulator: its endpoint and credentials stand in for the task role's.
            env['AWS_ENDPOINT_URL'] = settings.endpoint_url
            env['AWS_ACCESS_KEY_ID'], env['AWS_SECRET_ACCESS_KEY'] = key, secret
            env.pop('AWS_SESSION_TOKEN', None)
            if token:
                env['AWS_SESSION_TOKEN'] = token
            for name in [n for n in env if n.startswith('AWS_ENDPOINT_URL_')] + [
                    'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']:
                env.pop(name, None)
            if self.patch.network is not None:   # what Fargate injects; the emulator answers it (ecs_network.py)
                env['ECS_CONTAINER_METADATA_URI_V4'] = self.patch.network.metadata_uri(self.task, box.name)
            box.env = env
            box.argv = self.host_argv(box, box.command)
            working = box.definition.get('workingDirectory')
            box.cwd = rewrite(normalized_path(working)) if working else None
            if not box.cwd or not os.path.isdir(box.cwd):
                box.cwd = os.path.join(self.directory, 'containers', safe_name(box.name))

    def host_argv(self, box, argv):
        """The command as the host runs it: paths rewritten, /bin/sh for a shell, the emulator's aws for aws."""
        argv = [box.rewrite(a) for a in argv]
        if len(argv) > 1 and posixpath.basename(argv[0]) == 'busybox':
            argv = argv[1:]   # busybox APPLET ...: the applet
        if argv:
            program = posixpath.basename(argv[0])
            if program in SHELLS:
                argv[0] = '/bin/sh'
            elif program == 'aws':
                argv[0] = os.path.join(self.patch.bin_dir, 'aws')
            elif self.patch.network is not None and self.patch.network.shim(program):
                argv[0] = self.patch.network.shim(program)   # nc: the connection model's stand-in
            elif argv[0].startswith('/') and not os.path.exists(argv[0]):
                argv[0] = program   # /usr/bin/tar: whatever the host has on PATH
        return argv

    def efs_directory(self, efs):
        """<data dir>/efs/<fileSystemId>/<rootDirectory, or the access point's path>. The file system (and access
        point) must exist in the task's account and Region; otherwise the task fails to start, as on Fargate."""
        backend, fs_id = self.backend, efs.get('fileSystemId')
        efs_backend = self.patch.efs_backends[backend.account_id][backend.region_name]
        if fs_id not in efs_backend.file_systems_by_id:
            self.failure = (f'{EFS_FAILED}stderr: Failed to resolve "{fs_id}.efs.{backend.region_name}.amazonaws.com"'
                            ' - check that your file system ID is correct.')
            return None
        root = efs.get('rootDirectory') or '/'
        access_point_id = (efs.get('authorizationConfig') or {}).get('accessPointId')
        if access_point_id:
            access_point = efs_backend.access_points.get(access_point_id)
            if access_point is None or access_point.file_system_id != fs_id:
                self.failure = f'{EFS_FAILED}access point {access_point_id} of {fs_id} not found.'
                return None
            # EFSVolumeConfiguration.rootDirectory: "If an EFS access point is specified in the authorizationConfig,
            # the root directory parameter must either be omitted or set to / which will enforce the path set on
            # the EFS access point."
            if normalized_path(root) != '/':
                self.failure = (f'{EFS_FAILED}the root directory must be / or omitted when an access point is '
                                'specified.')
                return None
            root = (access_point.root_directory or {}).get('Path') or '/'
        relative = normalized_path(root).lstrip('/')
        return os.path.join(self.patch.efs_root(), fs_id, relative) if relative else \
            os.path.join(self.patch.efs_root(), fs_id)

    def fail_to_start(self):
        """TaskFailedToStart: no container ran (Fargate's stop code for a task whose resources could not be set up)."""
        with self.tasks.lock:
            if not self.aborted and self.task.last_status != 'STOPPED':
                self.finish(ran=False, reason=self.failure, code='TaskFailedToStart')

    # ------------------------------------------------------------------ the task's lifecycle in moto
    def mark_running(self):
        """PENDING to RUNNING (Task.startedAt: "the time when the task transitioned from the PENDING state to the
        RUNNING state"); its containers stay PENDING until each starts."""
        task, now = self.task, self.tasks.utcnow()
        task.last_status = 'RUNNING'
        task.pull_started_at = task.pull_stopped_at = task.started_at = task.connectivity_at = now
        task.connectivity = 'CONNECTED'

    def finish(self, ran=True, reason=None, code=None):
        """STOPPED (called with the ecs-tasks lock): stoppedReason and stopCode, the times, each container's
        lastStatus and exit code (none for one that never started), the ENI deleted."""
        task, now = self.task, self.tasks.utcnow()
        requested = self.stop_request or (reason, code)
        task.desired_status = task.last_status = 'STOPPED'
        task.stopped_reason = reason or requested[0]
        task.stop_code = code or requested[1]
        if getattr(task, 'stopping_at', None) is None:
            task.stopping_at = now
        task.execution_stopped_at = task.stopped_at = now
        for box in self.boxes:
            box.status = 'STOPPED'
            if box.container is not None:
                box.container.last_status = 'STOPPED'
                box.container.exitCode = box.exit_code if ran else None
                if box.reason:
                    box.container.reason = box.reason[:255]
                if box.health:
                    box.container.health_status = 'HEALTHY' if box.healthy else \
                        'UNHEALTHY' if box.healthy is False else 'UNKNOWN'
        release_network(self.patch.ec2_backends[self.backend.account_id][self.backend.region_name], task,
                        self.patch.ServiceException)

    def container_changed(self, box):
        """A container started or stopped: DescribeTasks shows it at once."""
        with self.tasks.lock:
            if self.aborted or box.container is None:
                return
            box.container.last_status = 'RUNNING' if box.status == 'RUNNING' else box.container.last_status
            if box.status == 'STOPPED':
                box.container.last_status = 'STOPPED'
                box.container.exitCode = box.exit_code
                if box.reason:
                    box.container.reason = box.reason[:255]
            if box.health:
                box.container.health_status = 'HEALTHY' if box.healthy else \
                    'UNHEALTHY' if box.healthy is False else 'UNKNOWN'

    # ------------------------------------------------------------------ dependencies
    def condition(self, box):
        """Whether `box` may start now (True), never will (a reason), or must wait (None); and whether a dependency's
        startTimeout ran out (then the task stops)."""
        names = {b.name: b for b in self.boxes}
        waiting = False
        for name, condition in box.depends:
            other = names.get(name)
            if other is None or condition not in CONDITIONS:
                return f'dependency graph: container ordering dependency [{name}] for target [{box.name}] does ' \
                       'not exist.', False
            met, never = self.met(other, condition)
            if never:
                return (f'dependency graph: failed to resolve container ordering dependency [{name}] for target '
                        f'[{box.name}] as dependency did not {never}.'), False
            if not met:
                # ContainerDefinition.startTimeout: "If a startTimeout value is specified for containerB and it
                # doesn't reach the desired status within that time then containerA gives up and not start."
                if other.start_timeout and time.monotonic() - self.started > other.start_timeout:
                    return (f'dependency graph: container [{name}] did not reach {condition} within its startTimeout '
                            f'of {other.start_timeout:g} seconds; [{box.name}] gives up.'), True
                waiting = True
        return (None if waiting else True), False

    @staticmethod
    def met(other, condition):
        """(met, why it never will be) of one dependency."""
        if other.gave_up:
            return False, 'start'
        if condition == 'START' or (condition == 'HEALTHY' and not other.health):
            return other.started is not None, None
        if condition == 'COMPLETE':
            return other.done, None
        if condition == 'SUCCESS':
            if other.done:
                return (True, None) if other.exit_code == 0 else (False, 'exit successfully')
            return False, None
        # HEALTHY with a health check: "This condition is confirmed only at task startup."
        if other.healthy:
            return True, None
        if other.done or other.healthy is False:
            return False, 'become healthy'
        return False, None

    def start_ready(self):
        """Starts every container whose dependencies are met (those without any all at once); marks the ones that
        never will start. Returns True when a startTimeout ran out."""
        timed_out = False
        for box in self.boxes:
            if box.status != 'PENDING' or box.gave_up:
                continue
            verdict, timeout = self.condition(box)
            if verdict is True:
                self.start(box)
            elif isinstance(verdict, str):
                box.gave_up, box.status, box.reason = True, 'STOPPED', verdict
                timed_out = timed_out or timeout
                self.container_changed(box)
        return timed_out

    # ------------------------------------------------------------------ processes
    def start(self, box):
        if box.log is None and box.container is not None:
            with LOG_LOCK:
                try:
                    box.log = self.tasks.log_destination(self.backend, self.run, box.container) or False
                except Exception:  # noqa: BLE001 - a log group gone meanwhile: the output is only kept here
                    box.log = False
        box.started = time.monotonic()
        try:
            box.process = subprocess.Popen(box.argv, env=box.env, cwd=box.cwd, stdin=subprocess.DEVNULL,
                                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        except OSError as e:
            # What Docker answers for a command it cannot execute: 127 not found, 126 not executable.
            box.exit_code = 127 if isinstance(e, FileNotFoundError) else 126
            box.reason = (f'CannotStartContainerError: exec: "{box.command[0] if box.command else ""}": '
                          + ('executable file not found in $PATH' if box.exit_code == 127 else 'permission denied'))
            box.status = 'STOPPED'
            self.emit(box, box.reason)
            self.container_changed(box)
            return
        box.status, box.started_at = 'RUNNING', self.tasks.utcnow()
        if box.health:
            box.next_check = box.started + seconds(box.health.get('interval'), HEALTH_DEFAULTS['interval'])
        box.reader = threading.Thread(target=self.read, args=(box,), name=f'ecs-runner {box.name}', daemon=True)
        box.reader.start()
        self.patch.processes.add(box.process)
        self.container_changed(box)

    def read(self, box):
        """Every line the container writes (stdout and stderr) to its tail and its awslogs stream."""
        stream = box.process.stdout
        for raw in iter(stream.readline, b''):
            self.emit(box, raw.decode('utf-8', 'replace').rstrip('\r\n'))
        stream.close()

    def emit(self, box, line):
        box.tail.append(line)
        if box.log and line and not self.aborted:
            logs, group, stream = box.log
            with LOG_LOCK:
                try:
                    logs.put_log_events(group, stream, [{'timestamp': int(time.time() * 1000), 'message': line}])
                except Exception:  # noqa: BLE001 - the group or stream deleted meanwhile: the line is only kept here
                    pass

    def collect_exits(self):
        for box in self.boxes:
            if box.status == 'RUNNING' and box.process.poll() is not None:
                self.reap(box)

    def reap(self, box):
        """The container's main process exited: what else of its process group is left goes too (as a container's
        processes end with its first one), its output is read to the end, its exit code recorded."""
        self.signal(box, signal.SIGKILL)
        box.reader.join(5)
        box.exit_code = exit_code_of(box.process.returncode)
        box.status, box.finished_at = 'STOPPED', self.tasks.utcnow()
        self.patch.processes.discard(box.process)
        if box.check is not None:
            self.signal_process(box.check, signal.SIGKILL)
            box.check.wait()
            box.check = None
        self.container_changed(box)

    @staticmethod
    def signal_process(process, sig):
        try:
            os.killpg(process.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def signal(self, box, sig):
        if box.process is not None:
            self.signal_process(box.process, sig)

    def kill_all(self, sig):
        for box in self.boxes:
            if box.status == 'RUNNING':
                self.signal(box, sig)
                if box.check is not None:
                    self.signal_process(box.check, signal.SIGKILL)
        for box in self.boxes:
            if box.status == 'RUNNING':
                try:
                    box.process.wait(5)
                except subprocess.TimeoutExpired:
                    pass
                if box.process.poll() is not None and not self.aborted:
                    self.reap(box)

    # ------------------------------------------------------------------ health checks
    def health_checks(self):
        """HealthCheck: the command runs `interval` seconds after the container started and every interval after;
        exit 0 is healthy; `retries` failures in a row (not counting those in `startPeriod`) unhealthy; a check that
        takes longer than `timeout` failed."""
        now = time.monotonic()
        for box in self.boxes:
            if not box.health or box.status != 'RUNNING':
                continue
            settings = {k: seconds(box.health.get(k), v) for k, v in HEALTH_DEFAULTS.items()}
            if box.check is not None:
                finished = box.check.poll() is not None
                if not finished and now - box.check_started <= settings['timeout']:
                    continue
                if not finished:
                    self.signal_process(box.check, signal.SIGKILL)
                    box.check.wait()
                ok = finished and box.check.returncode == 0
                box.check = None
                if ok:
                    box.healthy, box.health_failures = True, 0
                elif now - box.started > settings['startPeriod']:
                    box.health_failures += 1
                    if box.health_failures >= settings['retries']:
                        box.healthy = False
                self.container_changed(box)
            elif now >= box.next_check:
                box.next_check = now + settings['interval']
                argv = self.health_argv(box)
                if not argv:
                    continue
                try:
                    box.check = subprocess.Popen(argv, env=box.env, cwd=box.cwd, stdin=subprocess.DEVNULL,
                                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                                 start_new_session=True)
                    box.check_started = now
                except OSError:
                    box.health_failures += 1

    def health_argv(self, box):
        """HealthCheck.command: ["CMD-SHELL", "command"] runs with the container's default shell, ["CMD", args...]
        directly."""
        command = [str(a) for a in box.health.get('command') or []]
        if command and command[0] == 'CMD-SHELL':
            return self.host_argv(box, ['/bin/sh', '-c', ' '.join(command[1:])])
        if command and command[0] == 'CMD':
            return self.host_argv(box, command[1:])
        return self.host_argv(box, command) if command else None

    # ------------------------------------------------------------------ stopping
    def shut_down(self, kill_at_once=False):
        """The task is to stop: desiredStatus STOPPED; the containers still running are stopped, those that depend
        on others first ("When a dependency is defined for container startup, for container shutdown it is
        reversed"): SIGTERM, then SIGKILL after the container's stopTimeout. Then the task is STOPPED."""
        with self.tasks.lock:
            if self.aborted:
                return
            self.task.desired_status = 'STOPPED'
            if getattr(self.task, 'stopping_at', None) is None:
                self.task.stopping_at = self.tasks.utcnow()
        for box in self.boxes:   # never started: it never will
            if box.status == 'PENDING':
                box.status = 'STOPPED'
                self.container_changed(box)
        if kill_at_once:
            self.kill_all(signal.SIGKILL)
        while not self.aborted:
            running = [b for b in self.boxes if b.status == 'RUNNING']
            if not running:
                break
            names = {b.name for b in running}
            needed = {d for b in running for d, _ in b.depends if d in names and d != b.name}
            layer = [b for b in running if b.name not in needed] or running
            for box in layer:
                self.signal(box, signal.SIGTERM)
            deadline = {box.name: time.monotonic() + box.stop_timeout for box in layer}
            while not self.aborted and any(b.status == 'RUNNING' for b in layer):
                for box in layer:
                    if box.status != 'RUNNING':
                        continue
                    if box.process.poll() is not None:
                        self.reap(box)
                    elif time.monotonic() > deadline[box.name]:
                        self.signal(box, signal.SIGKILL)
                self.wake.wait(TICK)
                self.wake.clear()
        if self.aborted:
            self.kill_all(signal.SIGKILL)
            return
        with self.tasks.lock:
            if not self.aborted:
                self.finish(ran=True)


def safe_name(name):
    return re.sub(r'[^A-Za-z0-9_.-]', '_', str(name or '_')) or '_'


class ECSRunnerPatch(Patch):
    name = 'ecs-runner'
    prefix = 'ecsrun'
    # The ecs-network patch (ecs_network.py) sets itself here when installed: the metadata endpoint, the connection
    # model and the nc that asks it.
    network = None

    def __init__(self, settings):
        super().__init__(settings)
        self.live = {}                 # task id -> LiveRun, in the order they started
        self.processes = set()         # every process running, for the emulator's exit
        self.temporary = None          # the data directory this patch made (removed at exit)
        self.bin_dir = os.path.dirname(os.path.abspath(sys.executable))
        self.local = threading.local()  # the runs an ECS request launched, started once its answer is written

    # ------------------------------------------------------------------ install
    def install(self):
        from moto.core.exceptions import ServiceException
        from moto.ec2.models import ec2_backends
        from moto.ecs import responses as ecs_responses
        from moto.efs import models as efs_models
        from .ecs_tasks import ECSTasksPatch
        require(self.name, ECSTasksPatch, 'runner', 'adopt', 'log_destination', 'stop_task', 'describe_tasks',
                params=[('log_destination', ['backend', 'run', 'container'])])
        require(self.name, ecs_responses.EC2ContainerServiceResponse, 'call_action')
        require(self.name, efs_models, 'efs_backends', 'EFSBackend')
        require(self.name, efs_models.EFSBackend('us-east-1', '000000000000'), 'file_systems_by_id', 'access_points')
        require(self.name, efs_models.EFSBackend, 'reset', params=[('delete_file_system', ['file_system_id'])])
        require(self.name, efs_models.AccessPoint, params=[('__init__', ['file_system_id', 'root_directory'])])
        self.efs_backends, self.ec2_backends, self.ServiceException = \
            efs_models.efs_backends, ec2_backends, ServiceException
        ECSTasksPatch.runner = self
        patch = self
        delete_file_system = efs_models.EFSBackend.delete_file_system
        reset = efs_models.EFSBackend.reset

        def delete_file_system_and_data(backend, file_system_id):
            """A file system deleted takes its files with it."""
            delete_file_system(backend, file_system_id)
            patch.remove_efs(file_system_id)

        def reset_with_data(backend):
            """moto's reset forgets the file systems, and so their files."""
            for file_system_id in list(getattr(backend, 'file_systems_by_id', {})):
                patch.remove_efs(file_system_id)
            reset(backend)
        efs_models.EFSBackend.delete_file_system = delete_file_system_and_data
        efs_models.EFSBackend.reset = reset_with_data
        wrap(ecs_responses.EC2ContainerServiceResponse, 'call_action', self.call_action)
        atexit.register(self.exit)

    # ------------------------------------------------------------------ directories
    def search_path(self, path):
        """A container's PATH: the connection model's shims (nc) first, then the virtualenv's bin, then `path`."""
        head = [self.network.shims()] if self.network is not None else []
        return os.pathsep.join(head + [self.bin_dir, path])

    def data_dir(self):
        with self.lock:
            if self.settings.data_dir is None:
                self.temporary = self.settings.data_dir = tempfile.mkdtemp(prefix='berth-emulator-')
            os.makedirs(self.settings.data_dir, exist_ok=True)
            return self.settings.data_dir

    def efs_root(self):
        root = os.path.join(self.data_dir(), 'efs')
        os.makedirs(root, exist_ok=True)
        return root

    def remove_efs(self, file_system_id):
        if self.settings.data_dir and file_system_id and '/' not in file_system_id:
            shutil.rmtree(os.path.join(self.settings.data_dir, 'efs', file_system_id), ignore_errors=True)

    # ------------------------------------------------------------------ hooks of ecs-tasks
    def call_action(self, old, response):
        """An ECS request: the runs it launched start once its answer is written, so RunTask answers PENDING."""
        self.local.pending = []
        try:
            return old(response)
        finally:
            pending, self.local.pending = self.local.pending, None
            for live in pending:
                live.thread.start()

    def launch(self, tasks, backend, run, td, overrides):
        """RunTask made `run` (ecs-tasks holds its lock): if every container's image is one the runner stands in
        for, the run is live; its thread starts when RunTask has answered."""
        if not runnable(td):
            return None
        live = LiveRun(self, tasks, backend, run, td, overrides)
        with self.lock:
            self.live[run.task.id] = live
        pending = getattr(self.local, 'pending', None)
        if pending is not None:
            pending.append(live)
        else:
            live.thread.start()
        return live

    def stop_task(self, run, reason):
        """StopTask of a live task (ecs-tasks holds its lock): desiredStatus STOPPED, stopCode UserInitiated, the
        reason; its thread stops the processes (SIGTERM, SIGKILL after stopTimeout) and then the task is STOPPED.
        A task already STOPPED stays as it is."""
        live, task = run.live, run.task
        if task.last_status == 'STOPPED' or live.stop_request is not None:
            return
        task.desired_status = 'STOPPED'
        task.stopped_reason, task.stop_code = reason, 'UserInitiated'
        task.stopping_at = live.tasks.utcnow()
        live.request_stop(reason, 'UserInitiated')

    # ------------------------------------------------------------------ control API
    def reset(self):
        """Kills every process and forgets the runs and their task directories; a task still RUNNING keeps that
        status and no longer moves. EFS files stay: they live as long as their file system in moto."""
        with self.lock:
            runs, self.live = list(self.live.values()), {}
        for live in runs:
            live.abort()
        for live in runs:
            if live.thread.ident is not None:   # started
                live.thread.join(10)
            if live.directory:
                shutil.rmtree(live.directory, ignore_errors=True)

    def exit(self):
        """The emulator exits: no process of a task outlives it; a temporary data directory goes too."""
        for live in list(self.live.values()):
            live.abort()
        for process in list(self.processes):
            LiveRun.signal_process(process, signal.SIGKILL)
        if self.temporary:
            shutil.rmtree(self.temporary, ignore_errors=True)

    def state(self):
        with self.lock:
            runs = list(self.live.values())
            data = self.settings.data_dir
        return {'timeout': self.settings.runner_timeout, 'dataDir': data,
                'efsRoot': os.path.join(data, 'efs') if data else None, 'images': sorted(IMAGES),
                'runs': [live.summary() for live in runs]}

    def control(self, method, action, body):
        if self.network is not None and (action == 'connect' or action.startswith('metadata/')):
            return self.network.runner_control(method, action, body)
        if (method, action) == ('GET', 'state'):
            self.efs_root()   # so that efsRoot exists before the first task: tests seed it
            return 200, self.state()
        if (method, action) == ('POST', 'config'):
            timeout = body.get('timeout')
            if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
                return 400, {'error': 'timeout must be a number of seconds > 0'}
            with self.lock:
                self.settings.runner_timeout = timeout
            return 200, self.state()
        return super().control(method, action, body)
