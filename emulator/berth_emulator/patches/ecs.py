"""ECS service rollouts (patch 'ecs-rollout'): services converge over DescribeServices polls, as the
rolling-update scheduler does over time, with the scheduler's tasks and events, and a switch that makes
the next deployment of a service fail the way the deployment circuit breaker reports it. Under AWS's pace
(Settings.pace > 0; pace.py, docs/pace.md) a rollout takes its modelled time instead of polls, and a deleted
service drains for a while before it is INACTIVE.

moto alone: a service is created with one deployment that never completes (runningCount stays 0 unless
MOTO_ECS_SERVICE_RUNNING is set), UpdateService rewrites that one deployment in place, no task exists for a
service, ListTasks ignores serviceName and returns every task, and deploymentConfiguration is dropped.
docs/ecs-efs-logs.md lists each behaviour, the AWS text it follows, and its limits.

Control API:
    POST /_berth/ecs/config                {"polls": N}   DescribeServices polls per rollout from now on
    POST /_berth/ecs/fail-next-deployment  {"service": NAME[, "cluster": NAME]}
    GET  /_berth/ecs/state
"""
import copy
import inspect
import math
import sys
import threading
import time

from .. import pace
from .base import Patch, require, wrap

# DescribeServices returns deploymentConfiguration with these values when CreateService left them out
# (API reference, DeploymentConfiguration: "The default maximumPercent value for a service using the REPLICA
# service scheduler is 200%"; minimumHealthyPercent's default for a replica service is 100%; the circuit breaker
# is off unless turned on).
DEFAULT_DEPLOYMENT_CONFIGURATION = {
    'deploymentCircuitBreaker': {'enable': False, 'rollback': False},
    'maximumPercent': 200,
    'minimumHealthyPercent': 100,
}
# DescribeServices: "events: The event stream for your service. A maximum of 100 of the latest events are displayed."
MAX_EVENTS = 100
# API reference, ServiceDeploymentCircuitBreaker.threshold: "The deployment circuit breaker has a minimum threshold
# of 3 and a maximum threshold of 200. and uses the values in the following formula ... 0.5 * desired task count".
THRESHOLD_MIN, THRESHOLD_MAX = 3, 200
CIRCUIT_BREAKER_FAILED = 'ECS deployment circuit breaker: tasks failed to start.'
# Under pace a rollout moves in this many equal steps of its modelled time (tasks start and stop step by step).
PACED_STEPS = 4
ESSENTIAL_EXITED = 'Essential container in task exited'


class ServiceState:
    """What the patch keeps beside one moto Service (as its `_berth` attribute)."""

    def __init__(self):
        self.tasks = {}          # deployment id -> the RUNNING tasks the scheduler started for it
        self.rollout = None      # the Rollout under way, or None when the service is steady
        self.draining = None     # under pace, the pace.Span of a deleted service's draining (DRAINING until its end)
        self.breaker = None      # deploymentCircuitBreaker exactly as the caller gave it (None: not given)
        self.client_token = None  # CreateService's clientToken
        self.launched = 0        # tasks started so far; spreads tasks over the service's subnets


class Rollout:
    """A change the scheduler works through over `polls` DescribeServices calls, or under pace over `span`'s time
    (then `polls` equal steps, each taken once its time has come).

    kind: 'deploy' (a new PRIMARY deployment), 'rollback' (the circuit breaker's), 'scale' (desiredCount only).
    start: runningCount of every deployment when it began, to drain them proportionally."""

    def __init__(self, kind, polls, fail, start, span=None):
        self.kind, self.polls, self.fail, self.start, self.step = kind, polls, fail, start, 0
        self.span = span


class ECSPatch(Patch):
    name = 'ecs-rollout'
    prefix = 'ecs'

    def __init__(self, settings):
        super().__init__(settings)
        self.fail_next = []  # [{"service": NAME or ARN, "cluster": NAME, ARN or None}]
        self.local = threading.local()  # CreateService parameters moto's backend method does not receive

    # ------------------------------------------------------------------ install
    def install(self):
        from moto.core.exceptions import ServiceException
        from moto.core.utils import utcnow
        from moto.ec2 import utils as ec2_utils
        from moto.ec2.models import ec2_backends
        from moto.ec2.models.elastic_network_interfaces import NetworkInterface
        from moto.ecs import exceptions, models, responses
        from moto.moto_api._internal import mock_random

        backend_cls = models.EC2ContainerServiceBackend
        require(self.name, models, 'EC2ContainerServiceBackend', 'Service', 'Task', 'Container', 'ecs_backends')
        require(self.name, backend_cls, '_get_service', '_get_cluster', 'describe_task_definition', params=[
            ('create_service', ['cluster_str', 'service_name', 'desired_count', 'task_definition_str']),
            ('update_service', ['service_properties']),
            ('describe_services', ['cluster_str', 'service_names_or_arns']),
            ('delete_service', ['cluster_name', 'service_name', 'force']),
            ('list_tasks', ['cluster_str', 'container_instance', 'family', 'started_by', 'service_name',
                            'desiredStatus'])])
        require(self.name, models.Task, 'task_arn', 'last_status', 'status', params=[
            ('__init__', ['cluster', 'task_definition', 'container_instance_arn', 'resource_requirements', 'backend',
                          'group', 'launch_type', 'started_by', 'networking_configuration', 'platform_version'])])
        require(self.name, models.Service, params=[
            ('__init__', ['cluster', 'service_name', 'desired_count', 'backend', 'task_definition',
                          'network_configuration', 'platform_version'])])
        require(self.name, models.Container, params=[('__init__', ['task_def'])])
        require(self.name, models.EC2ContainerServiceBackend('us-east-1', '000000000000'),
                'tasks', 'services', 'clusters')
        require(self.name, responses.EC2ContainerServiceResponse, 'create_service', '_get_param', 'ecs_backend')
        require(self.name, exceptions, 'InvalidParameterException', 'ECSException')
        require(self.name, mock_random, 'uuid4', 'randint')
        require(self.name, ec2_utils, 'generate_dns_from_ip')
        require(self.name, NetworkInterface, params=[('__init__', ['subnet', 'private_ip_address', 'group_ids'])])

        self.models, self.exceptions, self.ServiceException = models, exceptions, ServiceException
        self.utcnow, self.random, self.ec2_backends = utcnow, mock_random, ec2_backends
        self.dns_name = ec2_utils.generate_dns_from_ip
        self.Task = scheduler_task_class(models.Task)
        self.create_signature = inspect.signature(backend_cls.create_service)

        wrap(backend_cls, 'create_service', self.create_service)
        wrap(backend_cls, 'update_service', self.update_service)
        wrap(backend_cls, 'describe_services', self.describe_services)
        wrap(backend_cls, 'delete_service', self.delete_service)
        wrap(backend_cls, 'list_tasks', self.list_tasks)
        wrap(responses.EC2ContainerServiceResponse, 'create_service', self.create_service_request)
        if not hasattr(models.Service, 'delete'):  # moto's CloudFormation calls resource.delete() when it exists
            patch = self
            models.Service.delete = lambda svc, account_id, region_name: patch.delete_from_stack(
                models.ecs_backends[account_id][region_name], svc)
        # moto sets an ENI's private_dns_name only in a VPC with DNS hostnames, yet every awsvpc task reads it
        # (AttributeError: no task could start in such a VPC). A class default keeps EC2's own output as it was.
        if not hasattr(NetworkInterface, 'private_dns_name'):
            NetworkInterface.private_dns_name = None

    # ------------------------------------------------------------------ switches and control API
    def reset(self):
        with self.lock:
            self.fail_next = []

    def state(self):
        with self.lock:
            return {'polls': self.settings.ecs_polls, 'failNextDeployment': copy.deepcopy(self.fail_next)}

    def control(self, method, action, body):
        if (method, action) == ('GET', 'state'):
            return 200, self.state()
        if (method, action) == ('POST', 'config'):
            return self.configure_polls(body, 'ecs_polls')
        if (method, action) == ('POST', 'fail-next-deployment'):
            service = body.get('service')
            if not isinstance(service, str) or not service:
                return 400, {'error': 'service (a name or ARN) is required'}
            with self.lock:
                self.fail_next.append({'service': service, 'cluster': body.get('cluster') or None})
            return 200, self.state()
        return super().control(method, action, body)

    def take_failure(self, svc):
        """Uses up the switch armed for this service, if any; True when its next deployment must fail."""
        for i, armed in enumerate(self.fail_next):
            if armed['service'] in (svc.name, svc.arn) and \
                    armed['cluster'] in (None, svc.cluster_name, svc.cluster_arn):
                del self.fail_next[i]
                return True
        return False

    # ------------------------------------------------------------------ patched moto methods
    def create_service_request(self, old, response):
        """CreateService: hands deploymentConfiguration and clientToken, which moto's backend method does not
        take, to create_service below."""
        self.local.create = {'deploymentConfiguration': response._get_param('deploymentConfiguration'),
                             'clientToken': response._get_param('clientToken')}
        try:
            return old(response)
        finally:
            self.local.create = None

    def create_service(self, old, backend, *args, **kwargs):
        """CreateService starts the service's first deployment from zero tasks.

        A name already used by an ACTIVE service of the cluster is InvalidParameterException "Creation of
        service was not idempotent." (AWS's answer), unless the request repeats that service's clientToken
        (API reference: clientToken is an "identifier that you provide to ensure the idempotency of the
        request"): then the existing service is returned and nothing changes. moto replaced the service."""
        request = getattr(self.local, 'create', None) or {}
        bound = self.create_signature.bind(backend, *args, **kwargs).arguments
        with self.lock:
            for svc in list(backend.services.values()):
                self.settle_draining(backend, svc)
            existing = self.active_service(backend, bound['cluster_str'], bound['service_name'])
            if existing is not None:
                token = request.get('clientToken')
                if token and token == self.state_of(existing).client_token:
                    return existing
                raise self.exceptions.InvalidParameterException('Creation of service was not idempotent.')
            svc = old(backend, *args, **kwargs)
            state = self.state_of(svc)
            state.client_token = request.get('clientToken')
            self.store_deployment_configuration(svc, request.get('deploymentConfiguration'), base=None)
            if svc.deployments:  # rolling update (ECS) controller; CODE_DEPLOY and EXTERNAL keep moto's model
                svc.deployments[:] = [self.new_deployment(svc, svc.task_definition)]
                svc.running_count = svc.pending_count = 0
                self.begin(backend, svc, 'deploy', fail=self.take_failure(svc))
            return svc

    def update_service(self, old, backend, service_properties):
        """UpdateService: a new task definition (resolved to its revision, so naming the one in use changes
        nothing), forceNewDeployment, or a changed networkConfiguration or platformVersion starts a new PRIMARY
        deployment; the previous ones become ACTIVE and drain. API reference: "When you update any of these
        parameters, Amazon ECS starts new tasks with the new configuration." A desiredCount change alone scales
        the PRIMARY deployment."""
        props = dict(service_properties)
        with self.lock:
            svc = backend._get_service(props.get('cluster') or 'default', props['service'].split('/')[-1])
            if svc.status != 'ACTIVE':
                raise self.exceptions.ECSException('ServiceNotActiveException', 'Service was not ACTIVE.')
            before = {'td': svc.task_definition, 'desired': svc.desired_count, 'pv': svc.platform_version,
                      'net': copy.deepcopy(svc.network_configuration)}
            force = bool(props.pop('force_new_deployment', False))  # moto would rewrite the PRIMARY's id in place
            config = props.pop('deployment_configuration', None)
            svc = old(backend, props)
            state = self.state_of(svc)
            if service_properties.get('task_definition'):
                svc.task_definition = backend.describe_task_definition(service_properties['task_definition']).arn
            if config is not None:
                self.store_deployment_configuration(svc, config, base=svc.deployment_configuration)
            if not svc.deployments:
                return svc
            redeploy = force or svc.task_definition != before['td'] or (
                props.get('network_configuration') is not None
                and not same_network(svc.network_configuration, before['net'])) or (
                props.get('platform_version') is not None and svc.platform_version != before['pv'])
            if redeploy:
                now = self.utcnow()
                for dep in svc.deployments:
                    if dep['status'] == 'PRIMARY':
                        dep['status'], dep['updatedAt'] = 'ACTIVE', now
                svc.deployments.insert(0, self.new_deployment(svc, svc.task_definition))
                self.begin(backend, svc, 'deploy', fail=self.take_failure(svc))
            elif svc.desired_count != before['desired'] and state.rollout is None \
                    and svc.deployments[0].get('rolloutState') != 'FAILED':
                self.begin(backend, svc, 'scale')
            self.sum_counts(svc)
            return svc

    def describe_services(self, old, backend, cluster_str, service_names_or_arns):
        """Each DescribeServices call that returns a service is one step of its rollout."""
        services, failures = old(backend, cluster_str, service_names_or_arns)
        with self.lock:
            seen = set()
            for svc in services:
                if id(svc) not in seen:
                    seen.add(id(svc))
                    self.advance(backend, svc)
        return services, failures

    def delete_service(self, old, backend, cluster_name, service_name, force):
        """DeleteService: the service's tasks stop (reason "Scaling activity initiated by ...") and their ENIs
        are deleted, so a cluster whose services are gone has no RUNNING task."""
        with self.lock:
            if backend._get_service(cluster_name, service_name).status != 'ACTIVE':
                raise self.exceptions.ECSException('ServiceNotActiveException', 'Service was not ACTIVE.')
            svc = old(backend, cluster_name, service_name, force)
            state = self.state_of(svc)
            state.rollout = None
            state.draining = None if getattr(self.local, 'at_once', False) else self.pace_span(svc, 'drain')
            if state.draining is not None:
                svc.status = 'DRAINING'  # its tasks stop at the end of the span (see settle_draining)
                return svc
            self.drain(backend, svc)
            return svc

    def drain(self, backend, svc):
        """A deleted service's tasks stop (ServiceSchedulerInitiated) and its counts drop to 0."""
        state = self.state_of(svc)
        primary = svc.deployments[0]['id'] if svc.deployments else 'service deletion'
        for tasks in state.tasks.values():
            for task in tasks:
                self.stop_task(backend, task, scaling_reason(primary), 'ServiceSchedulerInitiated')
            tasks.clear()
        for dep in svc.deployments:
            dep['runningCount'] = dep['pendingCount'] = 0
        svc.running_count = svc.pending_count = 0

    def settle_draining(self, backend, svc):
        """Under pace: a DRAINING service whose draining time has passed is INACTIVE, its tasks stopped."""
        state = self.state_of(svc)
        if state.draining is not None and time.time() >= state.draining.end:
            state.draining = None
            self.drain(backend, svc)
            svc.status = 'INACTIVE'

    def delete_from_stack(self, backend, svc):
        """A stack that deletes an AWS::ECS::Service deletes the service and so stops its tasks, as DeleteService
        with force does. moto's CloudFormation left the service ACTIVE, its tasks running."""
        if svc.status == 'ACTIVE':
            # The stack's own model times the deletion; its next resources (subnets, security groups) need the
            # tasks' network interfaces gone now, so the service drains at once.
            self.local.at_once = True
            try:
                backend.delete_service(svc.cluster_name, svc.name, True)
            finally:
                self.local.at_once = False

    def list_tasks(self, old, backend, cluster_str=None, container_instance=None, family=None, started_by=None,
                   service_name=None, desiredStatus=None):
        """ListTasks: "The default status filter is RUNNING" and serviceName "limits the results to tasks that
        belong to that service" (API reference). moto returned every task and ignored serviceName; it also
        matched the cluster by substring."""
        if self.settings.pace > 0:  # time moves rollouts and draining, not only DescribeServices calls
            with self.lock:
                for svc in list(backend.services.values()):
                    if not cluster_str or svc.cluster_name == cluster_str.split('/')[-1]:
                        self.advance(backend, svc)
        tasks = old(backend, cluster_str, container_instance, family, started_by, None, desiredStatus or 'RUNNING')
        if cluster_str:
            cluster = backend._get_cluster(cluster_str)
            tasks = [t for t in tasks if t.cluster_name == cluster.name]
        if service_name:
            group = 'service:' + service_name.split('/')[-1]
            tasks = [t for t in tasks if t.group == group]
        return tasks

    # ------------------------------------------------------------------ service model
    def state_of(self, svc):
        state = getattr(svc, '_berth', None)
        if state is None:
            state = svc._berth = ServiceState()
        return state

    @staticmethod
    def active_service(backend, cluster_str, name):
        cluster = backend._get_cluster(cluster_str)
        svc = backend.services.get(f'{cluster.name}:{name}')
        return svc if svc is not None and svc.status in ('ACTIVE', 'DRAINING') else None

    def store_deployment_configuration(self, svc, given, base):
        """DescribeServices shows deploymentConfiguration with AWS's defaults for what the caller left out;
        UpdateService changes only the members it names."""
        config = copy.deepcopy(base or DEFAULT_DEPLOYMENT_CONFIGURATION)
        config.update(copy.deepcopy(given or {}))
        svc.deployment_configuration = config
        if given and 'deploymentCircuitBreaker' in given:
            self.state_of(svc).breaker = copy.deepcopy(given['deploymentCircuitBreaker'])

    def new_deployment(self, svc, task_definition):
        """A PRIMARY deployment as DescribeServices shows one: id "ecs-svc/" and 19 digits, IN_PROGRESS."""
        dep_id, now = f'ecs-svc/{self.random.randint(10 ** 18, 10 ** 19 - 1)}', self.utcnow()
        return {'id': dep_id, 'status': 'PRIMARY', 'taskDefinition': task_definition,
                'desiredCount': svc.desired_count, 'pendingCount': 0, 'runningCount': 0, 'failedTasks': 0,
                'createdAt': now, 'updatedAt': now, 'launchType': svc.launch_type,
                'platformVersion': svc.platform_version,
                'platformFamily': 'EC2' if svc.launch_type == 'EC2' else 'FARGATE',
                'networkConfiguration': copy.deepcopy(svc.network_configuration) or None,
                'rolloutState': 'IN_PROGRESS', 'rolloutStateReason': f'ECS deployment {dep_id} in progress.'}

    def event(self, svc, message):
        """Service events are listed newest first, at most 100."""
        svc.events.insert(0, {'id': str(self.random.uuid4()), 'createdAt': self.utcnow(), 'message': message})
        del svc.events[MAX_EVENTS:]

    @staticmethod
    def sum_counts(svc):
        svc.running_count = sum(d['runningCount'] for d in svc.deployments)
        svc.pending_count = sum(d['pendingCount'] for d in svc.deployments)

    # ------------------------------------------------------------------ rollouts
    def begin(self, backend, svc, kind, fail=False, at=None):
        """Starts a rollout; with 0 polls it runs to its end at once (a rollback included). Under pace it takes
        pace.ECS_SECONDS[kind] (scaled) from `at` (default now) instead."""
        span = self.pace_span(svc, kind, at)
        polls = PACED_STEPS if span is not None else self.settings.ecs_polls
        self.state_of(svc).rollout = Rollout(kind, max(1, polls), fail,
                                             {d['id']: d['runningCount'] for d in svc.deployments}, span)
        if polls == 0:
            for _ in range(4):
                if self.state_of(svc).rollout is None:
                    break
                self.advance(backend, svc)

    def pace_span(self, svc, kind, at=None):
        """Under pace, the modelled time of this change of the service, logged for GET /_berth/pace/state; None
        when pace is off."""
        if self.settings.pace <= 0:
            return None
        span = pace.Span(float(pace.ECS_SECONDS[kind]), self.settings.pace, at if at is not None else time.time())
        deployment = svc.deployments[0]['id'] if svc.deployments else None
        self.settings.pace_log.add_deployment(pace.DeploymentRecord(svc.cluster_name, svc.name, svc.arn, deployment,
                                                                    kind, span))
        return span

    def advance(self, backend, svc):
        """One poll: one step of the rollout. Under pace, every step whose time has come (and the rollback that
        follows a failure, when its time has come too), and a DRAINING service's end."""
        state = self.state_of(svc)
        self.settle_draining(backend, svc)
        for _ in range(4 * PACED_STEPS):
            rollout = state.rollout
            if rollout is None or svc.status != 'ACTIVE' or not svc.deployments:
                return
            if rollout.span is not None and rollout.step >= rollout.span.steps_due(time.time(), rollout.polls):
                return
            self.step(backend, svc, rollout)
            if rollout.span is None:
                return

    def step(self, backend, svc, rollout):
        """The PRIMARY deployment's runningCount rises towards desiredCount and the older deployments drain, each
        by an equal share of the rollout's steps."""
        rollout.step += 1
        last = rollout.step >= rollout.polls
        primary = svc.deployments[0]
        primary['desiredCount'], primary['updatedAt'] = svc.desired_count, self.utcnow()
        if rollout.fail:
            self.advance_failing(backend, svc, rollout, primary, last)
        else:
            self.advance_healthy(backend, svc, rollout, primary, last)
        self.sum_counts(svc)

    def advance_healthy(self, backend, svc, rollout, primary, last):
        """Developer guide, rolling update: the scheduler starts the new deployment's tasks and stops the old
        ones. When the PRIMARY runs desiredCount tasks and no other deployment is left, the deployment is
        COMPLETED and the service "has reached a steady state" (what the services_stable waiter waits for)."""
        desired = svc.desired_count
        start = rollout.start.get(primary['id'], 0)
        target = desired if last else start + (desired - start) * rollout.step // rollout.polls
        self.set_running(backend, svc, primary, target, scaling_reason(primary['id']))
        primary['pendingCount'] = 0 if last else max(0, desired - target)
        for dep in svc.deployments[1:]:
            left = 0 if last else min(dep['runningCount'], round(
                rollout.start.get(dep['id'], 0) * (rollout.polls - rollout.step) / rollout.polls))
            self.set_running(backend, svc, dep, left, scaling_reason(primary['id']))
            dep['pendingCount'] = 0
        if not last:
            return
        del svc.deployments[1:]
        if rollout.kind != 'scale':
            primary['rolloutState'] = 'COMPLETED'
            primary['rolloutStateReason'] = f'ECS deployment {primary["id"]} completed.'
            self.event(svc, f'(service {svc.name}) (deployment {primary["id"]}) deployment completed.')
        self.event(svc, f'(service {svc.name}) has reached a steady state.')
        self.state_of(svc).rollout = None

    def advance_failing(self, backend, svc, rollout, primary, last):
        """A deployment whose tasks exit at start: failedTasks grows to the circuit breaker's threshold, then the
        deployment is FAILED ("If the service fails to reach a steady state and circuit breaker is turned on,
        the deployment transitions to a FAILED state", API reference, Deployment.rolloutState). The older
        deployments keep running."""
        threshold = failure_threshold(svc.desired_count)
        want = threshold if last else math.ceil(threshold * rollout.step / rollout.polls)
        started = [self.launch_task(backend, svc, primary) for _ in range(want - primary['failedTasks'])]
        for task in filter(None, started):
            self.stop_task(backend, task, ESSENTIAL_EXITED, 'EssentialContainerExited', failed=True)
        if started:
            self.event(svc, started_message(svc, started))
        primary.update(failedTasks=want, runningCount=0, pendingCount=0 if last else svc.desired_count)
        if last:
            self.fail_deployment(backend, svc, primary)

    def fail_deployment(self, backend, svc, primary):
        """The circuit breaker's end of a failed deployment. With rollback, "the service is rolled back to the
        last deployment that completed successfully" (API reference, DeploymentConfiguration): a new PRIMARY
        deployment of that task definition, which converges like any other. Without an earlier COMPLETED
        deployment, or with rollback explicitly false, the deployment stays FAILED."""
        state = self.state_of(svc)
        span = state.rollout.span if state.rollout is not None else None
        primary['rolloutState'], primary['rolloutStateReason'] = 'FAILED', CIRCUIT_BREAKER_FAILED
        primary['pendingCount'] = 0
        self.event(svc, f'(service {svc.name}) (deployment {primary["id"]}) deployment failed: tasks failed to start.')
        state.rollout = None
        previous = next((d for d in svc.deployments[1:] if d.get('rolloutState') == 'COMPLETED'), None)
        if previous is None or (state.breaker is not None and state.breaker.get('rollback') is False):
            return
        primary['status'] = 'ACTIVE'
        rollback = self.new_deployment(svc, previous['taskDefinition'])
        rollback['rolloutStateReason'] = \
            f'ECS deployment circuit breaker: rolling back to deploymentId {previous["id"]}.'
        svc.deployments.insert(0, rollback)
        svc.task_definition = previous['taskDefinition']
        self.event(svc, f'(service {svc.name}) rolling back to deployment {previous["id"]}.')
        self.begin(backend, svc, 'rollback', at=span.end if span is not None else None)

    def set_running(self, backend, svc, dep, target, stop_reason):
        """Starts or stops tasks of one deployment until it runs `target`; one service event per change."""
        tasks = self.state_of(svc).tasks.setdefault(dep['id'], [])
        current = dep['runningCount']
        if target > current:
            started = [self.launch_task(backend, svc, dep) for _ in range(target - current)]
            tasks.extend(filter(None, started))
            self.event(svc, started_message(svc, started))
        elif target < current:
            count = current - target
            victims = tasks[len(tasks) - min(count, len(tasks)):]
            del tasks[len(tasks) - len(victims):]
            for task in victims:
                self.stop_task(backend, task, stop_reason, 'ServiceSchedulerInitiated')
            listed = ' '.join(f'(task {t.id})' for t in victims)
            self.event(svc, f'(service {svc.name}) has stopped {count} running tasks'
                       + (f': {listed}.' if listed else '.'))
        dep['runningCount'] = target

    # ------------------------------------------------------------------ tasks
    def launch_task(self, backend, svc, dep):
        """A task as the service scheduler starts it: RUNNING, group "service:NAME", startedBy the deployment
        id, a 32-hex-digit id, one container per container definition, and for awsvpc an ENI in one of the
        service's subnets (taken in turn). None when moto cannot make one (the counts still converge)."""
        state = self.state_of(svc)
        try:
            td = backend.describe_task_definition(dep['taskDefinition'])
            netconf = None
            if td.network_mode == 'awsvpc':
                awsvpc = (svc.network_configuration or {}).get('awsvpcConfiguration') or {}
                subnets = list(awsvpc.get('subnets') or [])
                if not subnets:
                    return None  # AWS refuses such a service; moto's CloudFormation can make one
                turn = state.launched % len(subnets)
                netconf = {'awsvpcConfiguration': {**awsvpc, 'subnets': subnets[turn:] + subnets[:turn],
                                                   'securityGroups': list(awsvpc.get('securityGroups') or [])}}
            task = self.Task(cluster=backend._get_cluster(svc.cluster_name), task_definition=td,
                             container_instance_arn=None, resource_requirements=None, backend=backend,
                             group=f'service:{svc.name}', launch_type=svc.launch_type or 'FARGATE',
                             started_by=dep['id'], networking_configuration=netconf,
                             platform_version=svc.platform_version)
        except (self.ServiceException, KeyError, TypeError) as e:
            print(f'emulator: {self.name}: no task object for service {svc.name}: {e!r}', file=sys.stderr)
            return None
        state.launched += 1
        task.id = self.random.uuid4().hex
        now = self.utcnow()
        task.created_at = task.started_at = task.pull_started_at = task.pull_stopped_at = now
        task.cpu, task.memory, task.stopped_reason = td.cpu, td.memory, None
        task.desired_status, task.last_status = 'RUNNING', 'RUNNING'
        complete_attachments(task, self.dns_name, lambda subnet: self.subnet_zone(backend, subnet))
        task.containers = self.containers(task, td)
        backend.tasks.setdefault(svc.cluster_name, {})[task.task_arn] = task
        return task

    def subnet_zone(self, backend, subnet_id):
        """The Availability Zone a task's subnet is in (DescribeTasks availabilityZone)."""
        try:
            return self.ec2_backends[backend.account_id][backend.region_name].get_subnet(subnet_id).availability_zone
        except self.ServiceException:
            return None

    def containers(self, task, td):
        """One container per container definition (moto made one, from the first definition)."""
        return build_containers(self.models, self.random, task, td)

    def stop_task(self, backend, task, reason, stop_code, failed=False):
        """A stopped task: STOPPED, with stoppedReason and stopCode; its ENI deleted. A failed task's essential
        containers exit with code 1."""
        now = self.utcnow()
        task.desired_status = task.last_status = 'STOPPED'
        task.stopped_reason, task.stop_code = reason, stop_code
        task.stopping_at = task.execution_stopped_at = task.stopped_at = now
        for container in task.containers:
            container.last_status = 'STOPPED'
            container.exitCode = 1 if failed and getattr(container, 'essential', True) else 0
        release_network(self.ec2_backends[backend.account_id][backend.region_name], task, self.ServiceException)


def build_containers(models, random, task, td):
    """The containers of a task as DescribeTasks shows them: one per container definition (moto made one, from
    the first definition), RUNNING, with an ARN under the task's id and the task's network interfaces. Shared with
    the ecs-tasks patch (standalone tasks)."""
    out = []
    interfaces = [{'attachmentId': a['id'], 'privateIpv4Address': next(
        (d['value'] for d in a['details'] if d['name'] == 'privateIPv4Address'), None)} for a in task.attachments]
    for definition in td.container_definitions:
        container = models.Container(td)
        container.name, container.image = definition.get('name'), definition.get('image')
        container.cpu, container.memory = definition.get('cpu', 0), definition.get('memory')
        container.environment, container.command = definition.get('environment'), definition.get('command')
        container.essential = definition.get('essential', True)
        container.task_arn = task.task_arn
        container.container_arn = (task.task_arn.replace(':task/', ':container/', 1).rsplit('/', 1)[0]
                                   + f'/{task.id}/{random.uuid4()}')
        container.network_interfaces = copy.deepcopy(interfaces)
        container.last_status, container.exitCode = 'RUNNING', None
        out.append(container)
    return out


def complete_attachments(task, dns_name, zone_of):
    """Fills in what moto leaves out of an awsvpc task's ENI attachment: the private DNS name (moto sets it only in
    a VPC with DNS hostnames) and the task's availabilityZone, from the subnet (`zone_of(subnet id)`)."""
    for attachment in task.attachments:
        details = {d['name']: d for d in attachment['details']}
        if details.get('privateDnsName', {}).get('value') is None and 'privateIPv4Address' in details:
            details['privateDnsName']['value'] = dns_name(details['privateIPv4Address']['value'])
        if 'subnetId' in details:
            task.availability_zone = zone_of(details['subnetId']['value'])


def release_network(ec2, task, service_exception):
    """A stopped task's ENIs are deleted and its attachments are DELETED."""
    for attachment in task.attachments:
        eni = next((d['value'] for d in attachment['details'] if d['name'] == 'networkInterfaceId'), None)
        try:
            ec2.delete_network_interface(eni)
        except service_exception:
            pass  # already gone
        attachment['status'] = 'DELETED'


def scheduler_task_class(moto_task):
    """moto's Task whose lastStatus is what the scheduler set: moto moves every task to STOPPED on its own
    (its state manager), but a service's task runs until the scheduler stops it."""

    class Task(moto_task):
        @property
        def status(self):
            return self._status

        @status.setter
        def status(self, value):
            self._status = value

    Task.__qualname__ = f'{moto_task.__qualname__}(berth scheduler)'
    return Task


def failure_threshold(desired):
    """The circuit breaker's failed-task threshold: 0.5 x desired count (rounded up), between 3 and 200."""
    return min(THRESHOLD_MAX, max(THRESHOLD_MIN, math.ceil(desired / 2)))


def scaling_reason(deployment_id):
    """stoppedReason of a task the scheduler stops while it replaces or scales a deployment."""
    return f'Scaling activity initiated by (deployment {deployment_id})'


def started_message(svc, started):
    listed = ' '.join(f'(task {t.id})' for t in started if t is not None)
    return f'(service {svc.name}) has started {len(started)} tasks' + (f': {listed}.' if listed else '.')


def same_network(a, b):
    """Whether two networkConfigurations are the same, ignoring the order of subnets and security groups and
    assignPublicIp's default (DISABLED)."""
    def norm(config):
        awsvpc = dict((config or {}).get('awsvpcConfiguration') or {})
        awsvpc['subnets'] = sorted(awsvpc.get('subnets') or [])
        awsvpc['securityGroups'] = sorted(awsvpc.get('securityGroups') or [])
        awsvpc.setdefault('assignPublicIp', 'DISABLED')
        return awsvpc
    return norm(a) == norm(b)
