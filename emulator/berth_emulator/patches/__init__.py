"""The patches, in the order they are installed."""
import importlib
import os

from .base import Patch, PatchError  # noqa: F401

# control prefix → (module, class)
PATCHES = {'cfn': ('cloudformation', 'CloudFormationPatch'), 'ecs': ('ecs', 'ECSPatch'),
           'ecstask': ('ecs_tasks', 'ECSTasksPatch'), 'efs': ('efs', 'EFSPatch'), 'logs': ('logs', 'LogsPatch'),
           'acm': ('acm', 'ACMPatch'), 'route53': ('route53', 'Route53Patch'), 'kms': ('kms', 'KMSPatch'),
           'cloudwatch': ('cloudwatch_alarms', 'CloudWatchAlarmsPatch'),
           'codebuild': ('codebuild', 'CodeBuildPatch'), 'ecsrun': ('ecs_runner', 'ECSRunnerPatch'),
           'scheduler': ('scheduler', 'SchedulerPatch'), 'sns': ('sns_topic_policy', 'SNSTopicPolicyPatch'),
           'ecslinks': ('ecs_links', 'ECSLinksPatch'),
           'servicediscovery': ('servicediscovery', 'ServiceDiscoveryPatch'),
           'ecscfnvolumes': ('ecs_cfn_volumes', 'ECSCfnVolumesPatch'),
           'ecsnet': ('ecs_network', 'ECSNetworkPatch')}


def all_patches(settings):
    """Every patch; BERTH_EMULATOR_ONLY=ecs,efs (prefixes) limits them, for working on one area."""
    only = {p.strip() for p in os.environ.get('BERTH_EMULATOR_ONLY', '').split(',') if p.strip()}
    chosen = [(module, name) for prefix, (module, name) in PATCHES.items() if not only or prefix in only]
    return [getattr(importlib.import_module(f'.{module}', __name__), name)(settings) for module, name in chosen]
