"""Start-up settings shared by the front and the patches."""
import dataclasses

from .pace import PaceLog


@dataclasses.dataclass
class Settings:
    # describe_services calls until an ECS rollout completes (0 = at once).
    ecs_polls: int = 2
    # describe_tasks calls a standalone (RunTask) task is shown RUNNING before it is STOPPED.
    ecs_task_polls: int = 2
    # describe_stacks calls during which a stack operation still shows *_IN_PROGRESS (0 = at once).
    cfn_polls: int = 1
    # batch_get_builds calls during which a CodeBuild build still shows IN_PROGRESS (0 = complete at the first).
    codebuild_polls: int = 3
    # Reject templates that cfn-lint finds errors in, as CloudFormation's validation would.
    cfn_lint: bool = True
    # cfn-lint rule ids to accept anyway (known false positives).
    cfn_lint_ignore: frozenset = frozenset()
    # Where the emulator keeps files (the container runner's EFS volumes and task directories); None: a temporary
    # directory made when first needed and removed when the emulator exits.
    data_dir: str = None
    # Seconds a task the container runner started may run before its processes are killed.
    runner_timeout: float = 300
    # The front's own URL and the credentials it accepts (access key, secret, session token or None), once it
    # listens: what the container runner hands to the processes it starts.
    endpoint_url: str = None
    credentials: tuple = None
    # AWS's pace (pace.py): the factor every modelled AWS duration is multiplied by (0.01 makes a 180 s load balancer
    # take 1.8 s of real time); 0 = off, and stack operations and rollouts follow the polls above.
    pace: float = 0.0
    # Milliseconds the front waits before it answers each AWS call (real time, not scaled); 0 = none.
    call_latency_ms: float = 0.0
    # What was modelled under pace since the last reset (GET /_berth/pace/state).
    pace_log: PaceLog = dataclasses.field(default_factory=PaceLog)
