"""Task definitions made by CloudFormation keep their EFS volumes as the ECS API has them (patch 'ecs-cfn-volumes').

moto alone: AWS::ECS::TaskDefinition's Volumes went through a PascalCase-to-camelCase rename, so the template's
`EFSVolumeConfiguration` became `eFSVolumeConfiguration`, `FilesystemId` `filesystemId` and `IAM` `iAM`: DescribeTask
Definition showed no `efsVolumeConfiguration`, and the container runner took such a volume for task-local storage.

AWS: the resource's EFSVolumeConfiguration (FilesystemId, RootDirectory, TransitEncryption, TransitEncryptionPort,
AuthorizationConfig with AccessPointId and IAM) is the API's efsVolumeConfiguration (fileSystemId, rootDirectory,
transitEncryption, transitEncryptionPort, authorizationConfig with accessPointId and iam).
"""
from .base import Patch, require, wrap

AUTHORIZATION = {'accessPointId': 'accessPointId', 'iAM': 'iam', 'IAM': 'iam', 'iam': 'iam'}
EFS = {'filesystemId': 'fileSystemId', 'fileSystemId': 'fileSystemId', 'rootDirectory': 'rootDirectory',
       'transitEncryption': 'transitEncryption', 'transitEncryptionPort': 'transitEncryptionPort'}


def api_volume(volume):
    """One volume with its EFS configuration under the API's names."""
    if not isinstance(volume, dict):
        return volume
    volume = dict(volume)
    efs = volume.pop('eFSVolumeConfiguration', None) or volume.pop('EFSVolumeConfiguration', None)
    if isinstance(efs, dict) and 'efsVolumeConfiguration' not in volume:
        fixed = {EFS.get(key, key): value for key, value in efs.items() if key != 'authorizationConfig'}
        if isinstance(efs.get('authorizationConfig'), dict):
            fixed['authorizationConfig'] = {AUTHORIZATION.get(k, k): v for k, v in efs['authorizationConfig'].items()}
        volume['efsVolumeConfiguration'] = fixed
    return volume


class ECSCfnVolumesPatch(Patch):
    name = 'ecs-cfn-volumes'
    prefix = 'ecscfnvolumes'

    def install(self):
        from moto.ecs import models
        require(self.name, models, 'TaskDefinition')
        require(self.name, models.TaskDefinition, 'create_from_cloudformation_json', 'update_from_cloudformation_json')
        wrap(models.TaskDefinition, 'create_from_cloudformation_json', self.fixed)
        wrap(models.TaskDefinition, 'update_from_cloudformation_json', self.fixed)

    @staticmethod
    def fixed(old, *args, **kwargs):
        definition = old(*args, **kwargs)
        if isinstance(getattr(definition, 'volumes', None), list):
            definition.volumes = [api_volume(volume) for volume in definition.volumes]
        return definition
