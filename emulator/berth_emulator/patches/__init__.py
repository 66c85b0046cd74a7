"""The patches, in the order they are installed."""
import os

from .base import Patch, PatchError  # noqa: F401


def all_patches(settings):
    """Every patch; BERTH_EMULATOR_ONLY=ecs,efs (prefixes) limits them, for working on one area."""
    from .cloudformation import CloudFormationPatch
    from .ecs import ECSPatch
    from .efs import EFSPatch
    from .logs import LogsPatch
    only = {p.strip() for p in os.environ.get('BERTH_EMULATOR_ONLY', '').split(',') if p.strip()}
    classes = (CloudFormationPatch, ECSPatch, EFSPatch, LogsPatch)
    return [cls(settings) for cls in classes if not only or cls.prefix in only]
