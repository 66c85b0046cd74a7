"""What links an ECS service's tasks to the others (patch 'ecs-links'): its Service Connect configuration, and its
tasks as load balancer targets. `berth verify` reads both.

moto alone: CreateService and UpdateService dropped serviceConnectConfiguration, so DescribeServices never showed it;
the service scheduler's tasks were never registered in the service's target groups, so DescribeTargetHealth listed
no target for a running service.

AWS, as followed here:
- Deployment.serviceConnectConfiguration: "The details of the Service Connect configuration that's used by this
  deployment." A deployment takes the service's configuration as it is when the deployment starts; UpdateService
  with serviceConnectConfiguration starts a new deployment with the new one.
- "Amazon ECS automatically registers and deregisters your tasks with the target group" (ECS developer guide,
  "Use load balancing to distribute Amazon ECS service traffic"): a Fargate (awsvpc) task is registered by its
  private IP at the containerPort of each of the service's loadBalancers entries, and deregistered when it stops.
  moto answers "healthy" for a registered target; a target group's health checks are not run.

Control API:
    GET /_berth/ecslinks/state      the targets each running task was registered as
"""
import copy
import threading

from .base import Patch, require, wrap


class ECSLinksPatch(Patch):
    name = 'ecs-links'
    prefix = 'ecslinks'

    def __init__(self, settings):
        super().__init__(settings)
        self.registered = {}   # task ARN -> [(account, region, target group ARN, ip, port)]
        self.local = threading.local()  # the configuration of the CreateService/UpdateService call in progress

    def install(self):
        from moto.ecs import models, responses
        from moto.elbv2 import models as elbv2_models
        from .ecs import ECSPatch

        response_cls = responses.EC2ContainerServiceResponse
        require(self.name, response_cls, 'create_service', 'update_service', '_get_param', 'ecs_backend')
        require(self.name, models.EC2ContainerServiceBackend, '_get_service')
        require(self.name, elbv2_models, 'elbv2_backends')
        require(self.name, elbv2_models.ELBv2Backend, params=[
            ('register_targets', ['target_group_arn', 'instances']),
            ('deregister_targets', ['target_group_arn', 'instances'])])
        require(self.name, ECSPatch, params=[
            ('new_deployment', ['svc', 'task_definition']), ('launch_task', ['backend', 'svc', 'dep']),
            ('stop_task', ['backend', 'task', 'reason', 'stop_code'])])
        self.elbv2_backends = elbv2_models.elbv2_backends
        wrap(response_cls, 'create_service', self.keep_configuration)
        wrap(response_cls, 'update_service', self.keep_configuration)
        wrap(ECSPatch, 'new_deployment', self.new_deployment)
        wrap(ECSPatch, 'launch_task', self.launch_task)
        wrap(ECSPatch, 'stop_task', self.stop_task)

    def reset(self):
        with self.lock:
            self.registered = {}

    def state(self):
        with self.lock:
            return {'targets': {arn: [{'targetGroupArn': t[2], 'id': t[3], 'port': t[4]} for t in targets]
                                for arn, targets in self.registered.items()}}

    def control(self, method, action, body):
        if (method, action) == ('GET', 'state'):
            return 200, self.state()
        return super().control(method, action, body)

    # ------------------------------------------------------------------ Service Connect
    def keep_configuration(self, old, response):
        """CreateService/UpdateService: the service keeps serviceConnectConfiguration when the request has one (it
        is set before moto's deployment bookkeeping runs through new_deployment, in the same call)."""
        configuration = response._get_param('serviceConnectConfiguration')
        if configuration is not None:
            self.local_configuration(configuration)
        try:
            result = old(response)
        finally:
            self.local_configuration(None)
        if configuration is not None:
            backend = response.ecs_backend
            try:
                service = backend._get_service(response._get_param('cluster') or 'default',
                                               response._get_param('serviceName') or response._get_param('service'))
                service.service_connect_configuration = copy.deepcopy(configuration)
                for deployment in (service.deployments or [])[:1]:
                    deployment['serviceConnectConfiguration'] = copy.deepcopy(configuration)
            except Exception:  # noqa: BLE001 - moto already answered the request's own error
                pass
        return result

    def local_configuration(self, configuration):
        self.local.pending = configuration

    def new_deployment(self, old, ecs_patch, svc, task_definition):
        """A deployment carries the Service Connect configuration of its service (or of the request making it)."""
        deployment = old(ecs_patch, svc, task_definition)
        configuration = getattr(self.local, 'pending', None) or getattr(svc, 'service_connect_configuration', None)
        if configuration:
            deployment['serviceConnectConfiguration'] = copy.deepcopy(configuration)
        return deployment

    # ------------------------------------------------------------------ load balancer targets
    def launch_task(self, old, ecs_patch, backend, svc, dep):
        task = old(ecs_patch, backend, svc, dep)
        if task is None or not getattr(svc, 'load_balancers', None):
            return task
        ip = next((d['value'] for a in (getattr(task, 'attachments', None) or []) for d in a.get('details', [])
                   if d.get('name') == 'privateIPv4Address'), None)
        if ip is None:
            return task
        elbv2 = self.elbv2_backends[backend.account_id][backend.region_name]
        targets = []
        for balancer in svc.load_balancers:
            group, port = balancer.get('targetGroupArn'), balancer.get('containerPort')
            if not group or port is None:
                continue
            try:
                elbv2.register_targets(group, [{'Id': ip, 'Port': int(port)}])
            except Exception:  # noqa: BLE001 - a target group deleted under the service: AWS logs a service event
                continue
            targets.append((backend.account_id, backend.region_name, group, ip, int(port)))
        with self.lock:
            self.registered[task.task_arn] = targets
        return task

    def stop_task(self, old, ecs_patch, backend, task, reason, stop_code, failed=False):
        with self.lock:
            targets = self.registered.pop(task.task_arn, [])
        for account, region, group, ip, port in targets:
            try:
                self.elbv2_backends[account][region].deregister_targets(group, [{'Id': ip, 'Port': port}])
            except Exception:  # noqa: BLE001 - the target group went first (a stack deletion)
                pass
        return old(ecs_patch, backend, task, reason, stop_code, failed=failed)
