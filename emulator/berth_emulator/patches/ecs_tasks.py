"""ECS standalone tasks and ECS Exec (patch 'ecs-tasks'): what `berth run` and `berth exec` use. A task RunTask
starts goes PENDING, RUNNING and STOPPED over DescribeTasks polls, its essential containers exit with a code a switch
sets, and its containers' output (the command each ran) reaches CloudWatch Logs as the awslogs driver names it;
StopTask stops it; ExecuteCommand opens a session in a RUNNING task that has execute command turned on. A task whose
images the container runner (ecs_runner.py) stands in for runs for real instead; see docs/ecs-runner.md.

moto alone: RunTask answered 500 (TypeError) for a Fargate task definition whose containers have no container-level
memory; it dropped enableExecuteCommand, clientToken and propagateTags, and failed (500, KeyError) on an
awsvpcConfiguration without securityGroups. Its task had one container (from the first definition) and moto's state
manager moved it to STOPPED by itself, without exit codes, output, runtimeId or managedAgents. CreateService dropped
enableExecuteCommand. StopTask of an unknown task was a 500. ExecuteCommand was not implemented (500).
docs/ecs-efs-logs.md lists each behaviour, the AWS text it follows, and its limits.

Control API:
    POST /_berth/ecstask/config          {"polls": N}   DescribeTasks calls a standalone task shows RUNNING
    POST /_berth/ecstask/next-exit-code  {"code": N}    the essential containers of the next RunTask exit with N
    GET  /_berth/ecstask/state                          settings, the switch, standalone tasks, ExecuteCommand calls
"""
import copy
import inspect
import json
import threading
import types

from .base import Patch, PatchError, require, wrap
from .ecs import ESSENTIAL_EXITED, build_containers, complete_attachments, release_network, scheduler_task_class

# ExecuteCommand's refusals. The first is AWS's answer word for word (with its typographic apostrophe), as users
# quote it (e.g. aws/amazon-ecs-agent#3166); the second is ExecuteCommandResponse.interactive: "Amazon ECS only
# supports initiating interactive sessions, so you must specify true for this value."
EXEC_NOT_ENABLED = ('The execute command failed because execute command was not enabled when the task was run or the '
                    'execute command agent isn\u2019t running. Wait and try again or run a new task with execute '
                    'command enabled and try again.')
INTERACTIVE_ONLY = 'Interactive is the only mode supported currently.'
TASK_NOT_FOUND = 'The referenced task was not found.'
# ManagedAgent.name: "When the execute command feature is turned on, the managed agent name is ExecuteCommandAgent."
EXEC_AGENT = 'ExecuteCommandAgent'
# StopTask: "the equivalent of docker stop is issued ... This results in a stop signal value ... and will default to
# SIGTERM". A process ended by SIGTERM exits with 128 + 15.
SIGTERM_EXIT = 143
# One of the stopped reasons AWS lists (re:Post "Why is my Amazon ECS task stopped?": "Task stopped by user").
USER_STOPPED = 'Task stopped by user'
MEMORY_KEYS = ('memory', 'Memory', 'memoryReservation', 'MemoryReservation')


class Run:
    """What the patch keeps about one standalone task: how many DescribeTasks calls it stays RUNNING, how many have
    seen it, the exit code of its essential containers, and per container the definition and the command it runs."""

    def __init__(self, task, polls, exit_code, definitions, commands):
        self.task, self.polls, self.exit_code = task, polls, exit_code
        self.definitions, self.commands = definitions, commands   # container name -> definition / [args]
        self.describes = 0
        self.live = None   # the container runner's run (ecs_runner.py) when it runs the containers for real

    def summary(self):
        return {'taskArn': self.task.task_arn, 'lastStatus': self.task.last_status, 'describes': self.describes,
                'polls': self.polls, 'exitCode': self.exit_code,
                'enableExecuteCommand': bool(getattr(self.task, 'enable_execute_command', False)),
                'commands': copy.deepcopy(self.commands)}


class ECSTasksPatch(Patch):
    name = 'ecs-tasks'
    prefix = 'ecstask'
    # The ecs-runner patch (ecs_runner.py) sets itself here when installed: it runs the containers of tasks whose
    # images it can run as host processes, and then owns those tasks' lifecycle.
    runner = None

    def __init__(self, settings):
        super().__init__(settings)
        self.next_exit_code = None  # the switch: exit code of the next RunTask's essential containers
        self.execs = []             # every ExecuteCommand call, in order
        self.runs = {}              # task id -> Run, for the tasks RunTask started
        self.tokens = {}            # (account, region, cluster, clientToken) -> (request fingerprint, [task ARNs])
        self.local = threading.local()  # CreateService's enableExecuteCommand, which moto's backend does not take

    # ------------------------------------------------------------------ install
    def install(self):
        from moto.core.exceptions import ServiceException
        from moto.core.responses import ActionResult
        from moto.core.utils import unix_time_millis, utcnow
        from moto.ec2 import utils as ec2_utils
        from moto.ec2.models import EC2Backend, ec2_backends
        from moto.ec2.models.elastic_network_interfaces import NetworkInterface
        from moto.ecs import exceptions, models, responses
        from moto.logs import models as logs_models
        from moto.moto_api._internal import mock_random
        from .ecs import ECSPatch

        backend_cls, response_cls = models.EC2ContainerServiceBackend, responses.EC2ContainerServiceResponse
        require(self.name, models, 'EC2ContainerServiceBackend', 'Service', 'Task', 'Container')
        require(self.name, backend_cls, '_get_cluster', 'describe_task_definition', params=[
            ('run_task', ['cluster_str', 'task_definition_str', 'count', 'overrides', 'started_by', 'tags',
                          'launch_type', 'networking_configuration']),
            ('describe_tasks', ['cluster_str', 'tasks']),
            ('stop_task', ['cluster_str', 'task_str', 'reason']),
            ('_calculate_task_resource_requirements', ['task_definition'])])
        if not isinstance(inspect.getattr_static(backend_cls, '_calculate_task_resource_requirements'), staticmethod):
            raise PatchError(f'{self.name}: EC2ContainerServiceBackend._calculate_task_resource_requirements '
                             'is no longer a staticmethod')
        require(self.name, backend_cls('us-east-1', '000000000000'), 'tasks', 'account_id', 'region_name')
        require(self.name, models.Task, 'task_arn', 'last_status', params=[
            ('__init__', ['cluster', 'task_definition', 'backend', 'group', 'overrides', 'started_by', 'tags',
                          'networking_configuration'])])
        require(self.name, models.Service, params=[('__init__', ['cluster', 'service_name', 'backend'])])
        require(self.name, models.Container, params=[('__init__', ['task_def'])])
        if hasattr(models.Container, 'managed_agents') or hasattr(models.Container, 'runtime_id'):
            raise PatchError(f'{self.name}: moto\'s Container now models runtimeId/managedAgents; check this patch')
        require(self.name, response_cls, 'run_task', 'create_service', '_get_param', '_get_params', 'ecs_backend')
        if hasattr(response_cls, 'execute_command'):
            raise PatchError(f'{self.name}: moto now implements ExecuteCommand; check it against this patch')
        require(self.name, exceptions, 'InvalidParameterException', 'ClusterNotFoundException', 'ECSException')
        require(self.name, ActionResult, 'result')
        require(self.name, logs_models, 'logs_backends')
        require(self.name, logs_models.LogsBackend('us-east-1', '000000000000'), 'groups')
        require(self.name, logs_models.LogsBackend, params=[
            ('create_log_group', ['log_group_name', 'tags']),
            ('ensure_log_stream', ['log_group_name', 'log_stream_name']),
            ('put_log_events', ['log_group_name', 'log_stream_name', 'log_events'])])
        require(self.name, EC2Backend, 'get_subnet', 'get_default_security_group')
        require(self.name, ec2_utils, 'generate_dns_from_ip')
        require(self.name, mock_random, 'uuid4', 'randint', 'get_random_hex', 'token_urlsafe')
        require(self.name, ECSPatch, params=[('launch_task', ['backend', 'svc', 'dep'])])

        self.models, self.exceptions, self.ServiceException, self.ActionResult = \
            models, exceptions, ServiceException, ActionResult
        self.utcnow, self.millis, self.random = utcnow, unix_time_millis, mock_random
        self.ec2_backends, self.logs_backends, self.dns_name = ec2_backends, logs_models.logs_backends, \
            ec2_utils.generate_dns_from_ip
        self.Task = scheduler_task_class(models.Task)

        patch = self
        calculate = backend_cls._calculate_task_resource_requirements

        def calculate_task_resource_requirements(task_definition):
            return calculate(types.SimpleNamespace(container_definitions=[
                with_resources(d) for d in task_definition.container_definitions]))
        calculate_task_resource_requirements.__doc__ = with_resources.__doc__
        backend_cls._calculate_task_resource_requirements = staticmethod(calculate_task_resource_requirements)
        wrap(response_cls, 'run_task', self.run_task)
        wrap(response_cls, 'create_service', self.create_service_request)
        wrap(models.Service, '__init__', self.service_init)
        wrap(backend_cls, 'describe_tasks', self.describe_tasks)
        wrap(backend_cls, 'stop_task', self.stop_task)
        wrap(ECSPatch, 'launch_task', self.service_task)

        def execute_command(response):
            return patch.execute_command(response)
        response_cls.execute_command = execute_command
        models.Container.managed_agents = property(managed_agents, set_managed_agents, doc=managed_agents.__doc__)
        # As in the ecs-rollout patch: moto reads an ENI's private_dns_name, which it sets only in a VPC with DNS
        # hostnames (AttributeError for every awsvpc task elsewhere).
        if not hasattr(NetworkInterface, 'private_dns_name'):
            NetworkInterface.private_dns_name = None

    # ------------------------------------------------------------------ switches and control API
    def reset(self):
        with self.lock:
            self.next_exit_code = None
            self.execs, self.runs, self.tokens = [], {}, {}

    def state(self):
        with self.lock:
            return {'polls': self.settings.ecs_task_polls, 'nextExitCode': self.next_exit_code,
                    'tasks': [run.summary() for run in self.runs.values()],
                    'executeCommands': copy.deepcopy(self.execs)}

    def control(self, method, action, body):
        if (method, action) == ('GET', 'state'):
            return 200, self.state()
        if (method, action) == ('POST', 'config'):
            return self.configure_polls(body, 'ecs_task_polls')
        if (method, action) == ('POST', 'next-exit-code'):
            code = body.get('code')
            if code is not None and (isinstance(code, bool) or not isinstance(code, int) or not 0 <= code <= 255):
                return 400, {'error': 'code must be an integer from 0 to 255 (null disarms the switch)'}
            with self.lock:
                self.next_exit_code = code
            return 200, self.state()
        return super().control(method, action, body)

    # ------------------------------------------------------------------ RunTask
    def run_task(self, old, response):
        """RunTask. The tasks start PENDING (Task.createdAt: "the time when the task entered the PENDING state"),
        with one container per container definition, and keep what moto dropped:

        - enableExecuteCommand: "If true, this enables execute command functionality on all containers in the task."
        - clientToken: "An identifier that you provide to ensure the idempotency of the request." A repeat returns
          the tasks the first call started; with other parameters it is ConflictException ("The provided clientToken
          is already in use with a different RunTask request. The resourceIds are the existing task ARNs").
        - propagateTags TASK_DEFINITION: the task carries the task definition's tags ("Specifies whether to
          propagate the tags from the task definition to the task").
        - awsvpcConfiguration without securityGroups: "the default security group for the VPC is used".
        - containerOverrides naming a container the task definition lacks are refused (InvalidParameterException).
        - overrides over 8192 characters are refused (RunTask `overrides`: "A total of 8192 characters are allowed
          for overrides. This limit includes the JSON formatting characters of the override structure.").
        - an awsvpcConfiguration naming a subnet or security group that does not exist is refused
          (InvalidParameterException, in the words CreateService uses; moto failed with an internal error).
        """
        param, backend = response._get_param, response.ecs_backend
        token = param('clientToken')
        with self.lock:
            cluster = backend._get_cluster(param('cluster') or 'default')
            key = (backend.account_id, backend.region_name, cluster.name, token)
            request = {k: v for k, v in (response._get_params() or {}).items() if k != 'clientToken'}
            fingerprint = json.dumps(request, sort_keys=True, default=str)
            if token and key in self.tokens:
                known, arns = self.tokens[key]
                if known != fingerprint:
                    conflict = self.exceptions.ECSException(
                        'ConflictException', 'The provided clientToken is already in use with a different RunTask '
                                             'request.')
                    conflict.resource_ids = list(arns)
                    raise conflict
                tasks = backend.tasks.get(cluster.name, {})
                return self.ActionResult({'tasks': [tasks[a] for a in arns if a in tasks], 'failures': []})
            td = backend.describe_task_definition(param('taskDefinition'))
            overrides = param('overrides') or {}
            self.check_overrides_size(overrides)
            commands = self.commands(td, overrides)
            self.check_network(backend, param('networkConfiguration'))
            self.default_security_groups(backend, param('networkConfiguration'))
            result = old(response)
            exit_code, self.next_exit_code = self.next_exit_code or 0, None
            tasks = result.result['tasks']
            for task in tasks:
                self.adopt(backend, cluster, task, td, overrides, commands, exit_code,
                           enable_exec=bool(param('enableExecuteCommand')),
                           tags=param('tags') or [], propagate=param('propagateTags'))
            if token:
                self.tokens[key] = (fingerprint, [t.task_arn for t in tasks])
            return result

    def commands(self, td, overrides):
        """The command each container runs: its containerOverrides command (ContainerOverride.command: "The command
        to send to the container that overrides the default command from the Docker image or the task
        definition"), else the definition's command, else its entryPoint, else the image's name (what the image
        would run is not known here)."""
        definitions = {d.get('name'): d for d in td.container_definitions}
        given = {}
        for override in overrides.get('containerOverrides') or []:
            name = override.get('name')
            if name not in definitions:
                raise self.exceptions.InvalidParameterException(
                    f'Override for container named {name} is not a container in the TaskDefinition.')
            if override.get('command') is not None:
                given[name] = [str(a) for a in override['command']]
        out = {}
        for name, definition in definitions.items():
            command = given.get(name)
            if command is None:
                command = definition.get('command') or definition.get('entryPoint') or [definition.get('image') or '']
            out[name] = [str(a) for a in command]
        return out

    OVERRIDES_LIMIT = 8192

    def check_overrides_size(self, overrides):
        """RunTask's limit on the overrides, counted as compact JSON (what a client sends)."""
        size = len(json.dumps(overrides, separators=(',', ':')))
        if size > self.OVERRIDES_LIMIT:
            raise self.exceptions.InvalidParameterException(
                f'Container Overrides length must be at most {self.OVERRIDES_LIMIT}, got {size}')

    def check_network(self, backend, network):
        """The subnets and security groups of an awsvpcConfiguration exist, as ECS checks before it starts a task
        ("Error retrieving subnet information for [subnet-…]: The subnet ID 'subnet-…' does not exist")."""
        awsvpc = (network or {}).get('awsvpcConfiguration') or {}
        ec2 = self.ec2_backends[backend.account_id][backend.region_name]
        for subnet in awsvpc.get('subnets') or []:
            try:
                ec2.get_subnet(subnet)
            except self.ServiceException:
                raise self.exceptions.InvalidParameterException(
                    f"Error retrieving subnet information for [{subnet}]: The subnet ID '{subnet}' does not exist "
                    '(ErrorCode: InvalidSubnetID.NotFound)')
        for group in awsvpc.get('securityGroups') or []:
            if ec2.get_security_group_from_id(group) is None:
                raise self.exceptions.InvalidParameterException(
                    f"Error retrieving security group information for [{group}]: The security group '{group}' does not "
                    'exist (ErrorCode: InvalidGroup.NotFound)')

    def default_security_groups(self, backend, network):
        """AwsVpcConfiguration.securityGroups: "If you don't specify a security group, the default security group
        for the VPC is used." (Changes the parsed request in place, before moto reads it.)"""
        awsvpc = (network or {}).get('awsvpcConfiguration')
        if not awsvpc or awsvpc.get('securityGroups') or not awsvpc.get('subnets'):
            return
        ec2 = self.ec2_backends[backend.account_id][backend.region_name]
        try:
            group = ec2.get_default_security_group(ec2.get_subnet(awsvpc['subnets'][0]).vpc_id)
        except self.ServiceException:
            return  # an unknown subnet: moto answers for it
        if group is not None:
            awsvpc['securityGroups'] = [group.id]

    def adopt(self, backend, cluster, task, td, overrides, commands, exit_code, enable_exec, tags, propagate):
        """Turns the task moto made into a standalone task: a 32-hex-digit id, PENDING, a status only this patch
        moves (not moto's state manager), one PENDING container per definition, each with a runtimeId."""
        tasks = backend.tasks.setdefault(cluster.name, {})
        tasks.pop(task.task_arn, None)
        task.__class__ = self.Task
        task.id = self.random.uuid4().hex
        tasks[task.task_arn] = task
        task.created_at = self.utcnow()
        task.cpu = overrides.get('cpu') or td.cpu
        task.memory = overrides.get('memory') or td.memory
        task.desired_status, task.last_status, task.stopped_reason = 'RUNNING', 'PENDING', None
        task.enable_execute_command = enable_exec
        if propagate == 'TASK_DEFINITION':
            given = {t.get('key') for t in tags}
            task.tags = list(tags) + [t for t in (td.tags or []) if t.get('key') not in given]
        complete_attachments(task, self.dns_name, lambda subnet: self.subnet_zone(backend, subnet))
        task.containers = build_containers(self.models, self.random, task, td)
        for container in task.containers:
            container.last_status = 'PENDING'
            self.give_runtime(container, task, enable_exec)
        definitions = {d.get('name'): d for d in td.container_definitions}
        run = self.runs[task.id] = Run(task, self.settings.ecs_task_polls, exit_code, definitions, commands)
        if self.runner is not None:
            run.live = self.runner.launch(self, backend, run, td, overrides)

    def subnet_zone(self, backend, subnet_id):
        try:
            return self.ec2_backends[backend.account_id][backend.region_name].get_subnet(subnet_id).availability_zone
        except self.ServiceException:
            return None

    def give_runtime(self, container, task, enable_exec, started=None):
        """Container.runtimeId, "The ID of the Docker container", in the form Fargate gives it: the task id, a dash
        and ten digits. With execute command on, the container has the ExecuteCommandAgent (see managed_agents)."""
        container.runtime_id = f'{task.id}-{self.random.randint(10 ** 9, 4294967295)}'
        container._berth_exec = enable_exec
        container._berth_agent_started = started

    # ------------------------------------------------------------------ the lifecycle
    def describe_tasks(self, old, backend, cluster_str, tasks):
        """Each DescribeTasks call that returns a standalone task is one step of its lifecycle (Task.lastStatus,
        "see Task Lifecycle": PENDING, RUNNING, STOPPED): the first shows it RUNNING, and after `polls` calls the
        next shows it STOPPED, its essential containers exited ("Essential container in task exited")."""
        found = old(backend, cluster_str, tasks)
        with self.lock:
            seen = set()
            for task in found:
                run = self.runs.get(getattr(task, 'id', None))
                if run is None or run.task is not task or id(task) in seen:
                    continue
                seen.add(id(task))
                run.describes += 1
                if task.last_status == 'STOPPED' or run.live is not None:  # the container runner moves live ones
                    continue
                if task.last_status == 'PENDING':
                    self.start(run)
                if run.describes > run.polls:
                    self.stop(backend, run, ESSENTIAL_EXITED, 'EssentialContainerExited',
                              lambda c: run.exit_code if getattr(c, 'essential', True) else 0)
        return found

    def start(self, run):
        """PENDING to RUNNING (Task.startedAt: "the time when the task transitioned from the PENDING state to the
        RUNNING state"); the containers and their ExecuteCommandAgent run."""
        task, now = run.task, self.utcnow()
        task.last_status = 'RUNNING'
        task.pull_started_at = task.pull_stopped_at = task.started_at = task.connectivity_at = now
        task.connectivity = 'CONNECTED'
        for container in task.containers:
            container.last_status = 'RUNNING'
            container._berth_agent_started = now

    def stop(self, backend, run, reason, stop_code, exit_code_of):
        """The task is STOPPED with stoppedReason and stopCode, and stoppedAt ("the time when the task transitioned
        from the RUNNING state to the STOPPED state"); its ENI is deleted. Containers that ran get an exit code and
        their output goes to CloudWatch Logs; a task stopped while PENDING ran nothing."""
        task, now = run.task, self.utcnow()
        ran = task.last_status == 'RUNNING'
        task.desired_status = task.last_status = 'STOPPED'
        task.stopped_reason, task.stop_code = reason, stop_code
        task.stopping_at = task.execution_stopped_at = task.stopped_at = now
        for container in task.containers:
            container.last_status = 'STOPPED'
            container.exitCode = exit_code_of(container) if ran else None
        release_network(self.ec2_backends[backend.account_id][backend.region_name], task, self.ServiceException)
        if ran:
            self.write_output(backend, run)

    def write_output(self, backend, run):
        """What the awslogs driver sends for each container whose definition has an awslogs logConfiguration: one
        event per line of the container's output, which here is the command it ran, joined by spaces. Stream:
        "If you specify a prefix with this option, then the log stream takes the format
        prefix-name/container-name/ecs-task-id. If you don't specify a prefix ..., then the log stream is named after
        the container ID" (LogConfiguration.options, awslogs-stream-prefix). awslogs-region chooses the Region; the
        group must exist ("Make sure that the specified log group exists") unless awslogs-create-group is true."""
        task = run.task
        stamp = int(self.millis(task.started_at or self.utcnow()))
        for container in task.containers:
            destination = self.log_destination(backend, run, container)
            if destination is None:
                continue
            logs, group, stream = destination
            lines = ' '.join(run.commands.get(container.name) or []).splitlines()
            if any(lines):
                logs.put_log_events(group, stream, [{'timestamp': stamp, 'message': line} for line in lines if line])

    def log_destination(self, backend, run, container):
        """(logs backend, group, stream) where the awslogs driver sends a container's output, the stream made; None
        when its definition does not log with awslogs or the group is missing (see write_output). Shared with the
        container runner (ecs_runner.py)."""
        config = (run.definitions.get(container.name) or {}).get('logConfiguration') or {}
        options = config.get('options') or {}
        group = options.get('awslogs-group')
        if config.get('logDriver') != 'awslogs' or not group:
            return None
        logs = self.logs_backends[backend.account_id][options.get('awslogs-region') or backend.region_name]
        if group not in logs.groups:
            if str(options.get('awslogs-create-group', '')).lower() != 'true':
                return None
            logs.create_log_group(group, {})
        prefix = options.get('awslogs-stream-prefix')
        stream = f'{prefix}/{container.name}/{run.task.id}' if prefix else container.runtime_id
        logs.ensure_log_stream(group, stream)
        return logs, group, stream

    def stop_task(self, old, backend, cluster_str, task_str, reason):
        """StopTask of a standalone task stops it at once: "the equivalent of docker stop is issued to the
        containers running in the task. This results in a stop signal value ... SIGTERM", so each container that ran
        exits with 143 (128 + SIGTERM). stopCode UserInitiated; stoppedReason the given reason ("the message appears
        in subsequent DescribeTasks"), else "Task stopped by user". A task already STOPPED is returned as it is.
        An unknown task is InvalidParameterException (moto: 500). Other tasks keep moto's StopTask."""
        with self.lock:
            cluster = backend._get_cluster(cluster_str or 'default')
            task = self.find_task(backend, cluster, task_str)
            if task is None:
                raise self.exceptions.InvalidParameterException(TASK_NOT_FOUND)
            run = self.runs.get(task.id)
            if run is None or run.task is not task:
                return old(backend, cluster_str, task_str, reason)
            if run.live is not None:   # real processes: the container runner stops them
                self.runner.stop_task(run, reason or USER_STOPPED)
                return task
            if task.last_status != 'STOPPED':
                self.stop(backend, run, reason or USER_STOPPED, 'UserInitiated', lambda _c: SIGTERM_EXIT)
            return task

    @staticmethod
    def find_task(backend, cluster, task_str):
        """A task of the cluster by ARN or id (the last part of the ARN)."""
        if not task_str:
            return None
        task_id = task_str.split('/')[-1]
        for arn, task in backend.tasks.get(cluster.name, {}).items():
            if arn == task_str or getattr(task, 'id', None) == task_id:
                return task
        return None

    # ------------------------------------------------------------------ services
    def create_service_request(self, old, response):
        """CreateService enableExecuteCommand: "If true, this enables execute command functionality on all
        containers in the service tasks." Handed to the Service moto makes (service_init below). UpdateService
        needs nothing: moto sets every given parameter on the service (enable_execute_command), and "This parameter
        doesn't trigger a new service deployment"; tasks started afterwards take the new value."""
        self.local.enable_exec = bool(response._get_param('enableExecuteCommand'))
        try:
            return old(response)
        finally:
            self.local.enable_exec = None

    def service_init(self, old, svc, *args, **kwargs):
        """Every Service has enableExecuteCommand (false unless CreateService turned it on), as DescribeServices
        shows it."""
        old(svc, *args, **kwargs)
        svc.enable_execute_command = bool(getattr(self.local, 'enable_exec', None))

    def service_task(self, old, ecs_patch, backend, svc, dep):
        """A task the service scheduler (ecs-rollout) starts takes enableExecuteCommand from its service
        (Service.enableExecuteCommand: "the execute command functionality is turned on for all containers in tasks
        as part of the service"), and its containers get a runtimeId."""
        task = old(ecs_patch, backend, svc, dep)
        if task is not None:
            task.enable_execute_command = bool(getattr(svc, 'enable_execute_command', False))
            for container in task.containers:
                self.give_runtime(container, task, task.enable_execute_command, started=task.started_at)
        return task

    # ------------------------------------------------------------------ ExecuteCommand
    def execute_command(self, response):
        """ExecuteCommand ("Runs a command remotely on a container within a task"), which moto lacks. Every call is
        recorded (GET /_berth/ecstask/state, executeCommands), refused ones with their error."""
        param, backend = response._get_param, response.ecs_backend
        record = {'cluster': param('cluster') or 'default', 'clusterArn': None, 'task': param('task'), 'taskArn': None,
                  'container': param('container'), 'command': param('command'), 'interactive': param('interactive'),
                  'sessionId': None, 'error': None}
        with self.lock:
            try:
                answer = self.open_session(backend, record)
            except self.ServiceException as e:
                record['error'] = {'code': e.code, 'message': e.message}
                raise
            finally:
                self.execs.append(record)
        return self.ActionResult(answer)

    def open_session(self, backend, record):
        """The checks, in this order:

        - task, command and interactive are required (ExecuteCommandRequest); boto3 and Berth check this first;
        - the cluster: ClusterNotFoundException ("If you do not specify a cluster, the default cluster is assumed");
        - interactive must be true: "Amazon ECS only supports initiating interactive sessions, so you must specify
          true for this value" (answer: "Interactive is the only mode supported currently.");
        - the task ("The Amazon Resource Name (ARN) or ID of the task the container is part of") must be the
          cluster's; the container must be one of the task's, and "A container name only needs to be specified for
          tasks containing multiple containers";
        - the task must have enableExecuteCommand and be RUNNING (the agent runs only then), else AWS's
          "The execute command failed because execute command was not enabled ..." .
        The session is what the Session Manager plugin takes: an id, the ssmmessages WebSocket URL, a token."""
        invalid = self.exceptions.InvalidParameterException
        for name in ('task', 'command', 'interactive'):
            if record[name] is None or record[name] == '':
                raise invalid(f'{name} is required.')
        cluster = backend._get_cluster(record['cluster'])
        record['clusterArn'] = cluster.arn
        if record['interactive'] is not True:
            raise invalid(INTERACTIVE_ONLY)
        task = self.find_task(backend, cluster, record['task'])
        if task is None:
            raise invalid(TASK_NOT_FOUND)
        record['taskArn'] = task.task_arn
        if record['container'] is None:
            if len(task.containers) != 1:
                raise invalid('The task has more than one container; specify the container name.')
            target = task.containers[0]
        else:
            target = next((c for c in task.containers if c.name == record['container']), None)
            if target is None:
                raise invalid(f'The container {record["container"]} does not exist in the task.')
        record['container'] = target.name
        if not getattr(task, 'enable_execute_command', False) or task.last_status != 'RUNNING' \
                or target.last_status != 'RUNNING':
            raise invalid(EXEC_NOT_ENABLED)
        session_id = f'ecs-execute-command-{self.random.get_random_hex(17)}'
        record['sessionId'] = session_id
        return {'clusterArn': cluster.arn, 'containerArn': target.container_arn, 'containerName': target.name,
                'interactive': True, 'taskArn': task.task_arn,
                'session': {'sessionId': session_id,
                            'streamUrl': f'wss://ssmmessages.{backend.region_name}.amazonaws.com/v1/data-channel/'
                                         f'{session_id}?role=publish_subscribe&cell-number='
                                         f'{self.random.token_urlsafe(48)}',
                            'tokenValue': self.random.token_urlsafe(384)}}


def with_resources(definition):
    """A container definition as moto's resource arithmetic needs it. ContainerDefinition.memory: "If using the
    Fargate launch type, this parameter is optional"; so is cpu. Missing (or null) values count as 0, and
    memoryReservation stands in for memory, as moto already does when it is given."""
    out = {k: v for k, v in definition.items() if not (k in ('cpu', 'Cpu') + MEMORY_KEYS and v is None)}
    if not any(k in out for k in MEMORY_KEYS):
        out['memory'] = 0
    return out


def managed_agents(container):
    """Container.managedAgents: with execute command on, the ExecuteCommandAgent, whose lastStatus follows the
    container's (PENDING, RUNNING, then STOPPED); without, nothing (unless set explicitly)."""
    if not container.__dict__.get('_berth_exec'):
        return container.__dict__.get('_managed_agents')
    status = container.last_status if container.last_status in ('PENDING', 'RUNNING') else 'STOPPED'
    agent = {'name': EXEC_AGENT, 'lastStatus': status}
    if container.__dict__.get('_berth_agent_started') is not None:
        agent['lastStartedAt'] = container._berth_agent_started
    return [agent]


def set_managed_agents(container, value):
    container.__dict__['_managed_agents'] = value
