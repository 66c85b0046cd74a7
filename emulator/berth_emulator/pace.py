"""AWS's pace: how long AWS takes to make what a deploy asks for, and what the emulator modelled.

moto makes every resource the moment the call comes in; AWS takes minutes for some (a NAT gateway, a load
balancer, an EFS mount target, an ECS rollout), and a deploy's wall time on AWS is mostly spent waiting for them.
With pace on (`--pace SCALE`, BERTH_EMULATOR_PACE, or POST /_berth/pace/config), stack operations and ECS rollouts
take the time modelled here, multiplied by the scale, so that Berth meets AWS's waits in proportion and a benchmark
can compare Berth's wall time with the least any client could take: the critical path of the dependency graph.

This module is the one home of the figures (RESOURCE_SECONDS, ECS_SECONDS, with the source of each), the
scheduler that turns a dependency graph into start and end times (schedule, critical_chain), and the log of what
was modelled (PaceLog), which GET /_berth/pace/state shows. The cloudformation and ecs-rollout patches apply it;
docs/pace.md describes the whole. With the scale at 0 (the default) nothing here is used.
"""
import collections
import dataclasses
import math
import threading
import time

# --------------------------------------------------------------------------- how long AWS takes
# Seconds from CREATE_IN_PROGRESS to CREATE_COMPLETE of each resource type, as CloudFormation waits for it (the
# resource exists and has stabilized), and where the figure comes from. AWS documents states (pending, provisioning,
# creating) but rarely durations: "estimate" marks a figure no AWS page gives, chosen from what deploys commonly
# show. docs/pace.md has the same table with links.
ELB = 'ELB API reference, LoadBalancerState: "The initial state of the load balancer is provisioning. After the load ' \
      'balancer is fully set up and ready to route traffic, its state is active." No duration given: estimate'
RESOURCE_SECONDS = {
    'AWS::EC2::NatGateway': (120, 'EC2 API reference, NatGateway.State: "pending: The NAT gateway is being created '
                                  'and is not ready to process traffic." No duration given: estimate (1-3 min)'),
    'AWS::EFS::MountTarget': (90, 'EFS API reference, CreateMountTarget: the mount target is "creating" until '
                                  '"available". No duration given: estimate (1-2 min)'),
    'AWS::ElasticLoadBalancingV2::LoadBalancer': (180, ELB),
    'AWS::ServiceDiscovery::HttpNamespace': (45, 'Cloud Map API reference: namespace creation is an asynchronous '
                                                 'operation (GetOperation until SUCCESS). No duration given: estimate'),
    'AWS::ServiceDiscovery::PrivateDnsNamespace': (45, 'as HttpNamespace, plus a private hosted zone: estimate'),
    'AWS::EC2::VPC': (5, 'estimate'),
    'AWS::EC2::Subnet': (5, 'estimate'),
    'AWS::EC2::InternetGateway': (10, 'estimate'),
    'AWS::EC2::VPCGatewayAttachment': (15, 'estimate'),
    'AWS::EC2::RouteTable': (5, 'estimate'),
    'AWS::EC2::Route': (5, 'estimate'),
    'AWS::EC2::SubnetRouteTableAssociation': (5, 'estimate'),
    'AWS::EC2::EIP': (5, 'estimate'),
    'AWS::EC2::SecurityGroup': (5, 'estimate'),
    'AWS::EC2::SecurityGroupIngress': (3, 'estimate'),
    'AWS::EC2::SecurityGroupEgress': (3, 'estimate'),
    'AWS::EFS::FileSystem': (10, 'EFS API reference: LifeCycleState "creating" until "available": estimate'),
    'AWS::EFS::AccessPoint': (5, 'estimate'),
    'AWS::ECS::Cluster': (5, 'estimate'),
    'AWS::ECS::TaskDefinition': (2, 'estimate (a registration)'),
    'AWS::ECS::Service': (60, 'CloudFormation waits until the service is stable (a rollout): see ECS_SECONDS'),
    'AWS::IAM::Role': (15, 'IAM User Guide, "Changes that I make are not always immediately visible": IAM is '
                           'eventually consistent; CloudFormation waits for the role to propagate. Estimate'),
    'AWS::IAM::Policy': (10, 'as AWS::IAM::Role: estimate'),
    'AWS::Logs::LogGroup': (2, 'estimate'),
    'AWS::S3::Bucket': (20, 'estimate'),
    'AWS::S3::BucketPolicy': (3, 'estimate'),
    'AWS::SSM::Parameter': (3, 'estimate'),
    'AWS::ApplicationAutoScaling::ScalableTarget': (5, 'estimate'),
    'AWS::ApplicationAutoScaling::ScalingPolicy': (3, 'estimate'),
    'AWS::KMS::Key': (10, 'estimate'),
    'AWS::SNS::Topic': (5, 'estimate'),
    'AWS::SNS::Subscription': (3, 'estimate'),
    'AWS::SNS::TopicPolicy': (3, 'estimate'),
    'AWS::CloudWatch::Alarm': (3, 'estimate'),
    'AWS::ElasticLoadBalancingV2::TargetGroup': (10, 'estimate'),
    'AWS::ElasticLoadBalancingV2::Listener': (5, 'estimate'),
    'AWS::ElasticLoadBalancingV2::ListenerRule': (5, 'estimate'),
    'AWS::ECR::Repository': (3, 'estimate'),
    'AWS::CodeBuild::Project': (10, 'estimate'),
    'AWS::Scheduler::Schedule': (3, 'estimate'),
    'AWS::Events::Rule': (3, 'estimate'),
    'AWS::CertificateManager::Certificate': (60, 'ACM: DNS validation issues the certificate once its CNAME resolves '
                                                 '(with Route 53, minutes). Estimate'),
    'AWS::Route53::RecordSet': (30, 'Route 53 Developer Guide, editing records: "Changes generally propagate to all '
                                    'Route 53 name servers within 60 seconds." (CloudFormation waits for INSYNC)'),
    # A nested stack takes as long as its own operation: the patch measures the child's critical path and uses this
    # only for a child whose operation it did not see.
    'AWS::CloudFormation::Stack': (30, "the nested stack's own critical path; this figure only when it is unknown"),
}
DEFAULT_SECONDS = (5, 'estimate, for any type not listed')
# An in-place update and a deletion take this share of the creation time (an estimate: most updates change
# settings of a resource that exists, most deletions need no stabilization)...
UPDATE_SHARE, DELETE_SHARE = 0.5, 0.5
# ... except these, which take their own figures.
UPDATE_SECONDS = {'AWS::ECS::Service': (60, 'an update that changes the task definition is a rollout: ECS_SECONDS')}
DELETE_SECONDS = {'AWS::ECS::Service': (30, 'the service drains: ECS_SECONDS')}

# ECS service changes outside CloudFormation (and inside it, where the stack's AWS::ECS::Service waits for them).
# Source: Amazon ECS best practices guide, "Speeding up deployments", and its author's post (Nathan Peck, "Speeding
# up Amazon ECS container deployments"): a rollout waits for Fargate to provision the task and pull the image, for
# load balancer health checks (defaults: 5 checks 30 s apart, 2.5 min) and for the old targets' deregistration delay
# (default 300 s). 60 s is an estimate for a service tuned as Berth's are; draining is the deregistration delay.
ECS_SECONDS = {'deploy': 60, 'rollback': 60, 'scale': 30, 'drain': 30}


def resource_seconds(resource_type, action):
    """Unscaled seconds AWS takes to CREATE, UPDATE (in place) or DELETE a resource of this type."""
    if action == 'UPDATE' and resource_type in UPDATE_SECONDS:
        return float(UPDATE_SECONDS[resource_type][0])
    if action == 'DELETE' and resource_type in DELETE_SECONDS:
        return float(DELETE_SECONDS[resource_type][0])
    seconds = RESOURCE_SECONDS.get(resource_type, DEFAULT_SECONDS)[0]
    share = {'UPDATE': UPDATE_SHARE, 'DELETE': DELETE_SHARE}.get(action, 1.0)
    return float(seconds) * share


# --------------------------------------------------------------------------- the critical path
def schedule(ids, depends, seconds):
    """{id: (start, end)} in unscaled seconds from 0: each id starts when everything it depends on (among `ids`)
    has ended, as CloudFormation starts a resource once its dependencies are complete, and lasts seconds[id].
    A cycle (cfn-lint rejects those) is broken where it is met: that dependency counts for nothing."""
    ids = list(dict.fromkeys(ids))
    present = set(ids)
    deps = {i: [d for d in depends.get(i, ()) if d in present and d != i] for i in ids}
    users = collections.defaultdict(list)
    for i in ids:
        for d in deps[i]:
            users[d].append(i)
    waiting = {i: set(deps[i]) for i in ids}
    ready = collections.deque(i for i in ids if not waiting[i])
    times = {}
    while len(times) < len(ids):
        if not ready:
            ready.append(next(i for i in ids if i not in times))
        i = ready.popleft()
        if i in times:
            continue
        start = max((times[d][1] for d in deps[i] if d in times), default=0.0)
        times[i] = (start, start + seconds[i])
        for user in users[i]:
            waiting[user].discard(i)
            if not waiting[user] and user not in times:
                ready.append(user)
    return times


def critical_chain(times, depends, last=None):
    """The ids on the longest chain of waits, first to last: from the id that ends last (or `last`) back through
    the dependency whose end was its start."""
    if not times:
        return []
    current = last if last is not None else max(times, key=lambda i: times[i][1])
    chain = [current]
    while True:
        start = times[current][0]
        before = [d for d in depends.get(current, ()) if d in times and d not in chain
                  and math.isclose(times[d][1], start, abs_tol=1e-9)]
        if start <= 0 or not before:
            return list(reversed(chain))
        current = before[0]
        chain.append(current)


# --------------------------------------------------------------------------- what was modelled
@dataclasses.dataclass
class Span:
    """One modelled wait in real time: it starts at `start` (epoch seconds) and lasts `seconds` x `scale`."""
    seconds: float
    scale: float
    start: float

    @property
    def end(self):
        return self.start + self.seconds * self.scale

    def fraction(self, now):
        """How much of the wait has passed at `now`: 0 before its start, 1 from its end."""
        if self.seconds * self.scale <= 0:
            return 1.0
        return min(1.0, max(0.0, (now - self.start) / (self.seconds * self.scale)))

    def steps_due(self, now, steps):
        """Of `steps` equal steps, how many have been reached at `now` (all of them only at the end)."""
        fraction = self.fraction(now)
        return steps if fraction >= 1.0 else min(steps - 1, int(fraction * steps))


@dataclasses.dataclass
class StackRecord:
    """A stack operation as /_berth/pace/state shows it; the cloudformation patch fills it in when it seals one."""
    stack: str
    stack_id: str
    operation: str                   # CREATE, UPDATE or DELETE
    span: Span
    status: str = None               # the status it ends in
    phases: list = dataclasses.field(default_factory=list)    # [{"status", "seconds"}]
    chain: list = dataclasses.field(default_factory=list)     # [{"logicalId", "type", "action", "seconds"}]
    nested_in: dict = None           # {"stack", "logicalId"} of a nested stack's parent

    def as_json(self):
        return {'stack': self.stack, 'stackId': self.stack_id, 'operation': self.operation, 'status': self.status,
                'start': round(self.span.start, 3), 'end': round(self.span.end, 3),
                'seconds': round(self.span.seconds, 3), 'phases': self.phases, 'criticalPath': self.chain,
                'nestedIn': self.nested_in}


@dataclasses.dataclass
class DeploymentRecord:
    """An ECS service change as /_berth/pace/state shows it; the ecs-rollout patch's Rollout reads its span."""
    cluster: str
    service: str
    service_arn: str
    deployment_id: str
    kind: str                        # deploy, rollback, scale or drain
    span: Span
    created: float = dataclasses.field(default_factory=time.time)   # when the call that started it came

    def as_json(self):
        return {'cluster': self.cluster, 'service': self.service, 'deploymentId': self.deployment_id,
                'kind': self.kind, 'start': round(self.span.start, 3), 'end': round(self.span.end, 3),
                'seconds': round(self.span.seconds, 3)}


class PaceLog:
    """What was modelled since the last reset: stack operations, ECS deployments, and the latency added to calls.
    Shared by the front and the patches (Settings.pace_log); it keeps the last MAX of each kind."""
    MAX = 1000

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.stacks = collections.deque(maxlen=self.MAX)
            self.deployments = collections.deque(maxlen=self.MAX)
            self.delayed_calls, self.delayed_ms = 0, 0.0

    def delay(self, milliseconds):
        """The call latency: sleeps in real time (not scaled) and counts it."""
        time.sleep(milliseconds / 1000)
        with self.lock:
            self.delayed_calls += 1
            self.delayed_ms += milliseconds

    def add_stack(self, record):
        with self.lock:
            self.stacks.append(record)
        return record

    def add_deployment(self, record):
        with self.lock:
            self.deployments.append(record)
        return record

    def shift_deployments(self, service_arn, since, start):
        """A stack made or changed this service during an operation that started at `since`; its rollouts since
        then start when the stack's model starts the service (`start`), later ones of the chain (a rollback)
        keeping their place after it. Returns the spans moved, so that a later shift of the stack moves them too."""
        with self.lock:
            spans = [r.span for r in self.deployments
                     if r.service_arn == service_arn and r.created >= since and r.kind != 'drain']
        if spans:
            delta = start - spans[0].start
            for span in spans:
                span.start += delta
        return spans

    def state(self, settings):
        with self.lock:
            return {'scale': settings.pace, 'callLatencyMs': settings.call_latency_ms,
                    'calls': {'delayed': self.delayed_calls, 'delayedMs': round(self.delayed_ms, 1)},
                    'stacks': [r.as_json() for r in self.stacks],
                    'deployments': [r.as_json() for r in self.deployments]}


# --------------------------------------------------------------------------- control API
MAX_CALL_LATENCY_MS = 60000


def number(value, name, limit=None):
    """A finite number >= 0 (and <= limit) from a JSON body; raises ValueError naming the setting otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0 \
            or (limit is not None and value > limit):
        raise ValueError(f'{name} must be a number >= 0' + (f' and <= {limit}' if limit is not None else ''))
    return float(value)


def control(settings, method, action, body):
    """POST /_berth/pace/config {"scale", "callLatencyMs"}, GET /_berth/pace/state, POST /_berth/pace/reset."""
    if (method, action) == ('GET', 'state'):
        return 200, settings.pace_log.state(settings)
    if (method, action) == ('POST', 'reset'):
        settings.pace_log.reset()
        return 200, settings.pace_log.state(settings)
    if (method, action) == ('POST', 'config'):
        try:
            scale = number(body['scale'], 'scale') if 'scale' in body else settings.pace
            latency = number(body['callLatencyMs'], 'callLatencyMs', MAX_CALL_LATENCY_MS) \
                if 'callLatencyMs' in body else settings.call_latency_ms
        except ValueError as e:
            return 400, {'error': str(e)}
        unknown = sorted(set(body) - {'scale', 'callLatencyMs'})
        if unknown:
            return 400, {'error': f'unknown setting(s): {", ".join(unknown)} (give scale and/or callLatencyMs)'}
        settings.pace, settings.call_latency_ms = scale, latency
        return 200, settings.pace_log.state(settings)
    return 404, {'error': f'no such endpoint: {method} /_berth/pace/{action}'}
