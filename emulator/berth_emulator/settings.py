"""Start-up settings shared by the front and the patches."""
import dataclasses


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
