"""Task definitions made by CloudFormation keep their EFS volumes as the ECS API has them (patch 'ecs-cfn-volumes').

moto alone: AWS::ECS::TaskDefinition's Volumes went through a PascalCase-to-camelCase rename, so the template's
`EFSVolumeConfiguration` became `eFSVolumeConfiguration`, `FilesystemId` `filesystemId` and `IAM` `iAM`: DescribeTask
Definition showed no `efsVolumeConfiguration`, and the container runner took such a volume for task-local storage.

AWS: the resource's EFSVolumeConfiguration (FilesystemId, RootDirectory, TransitEncryption, TransitEncryptionPort,
AuthorizationConfig with AccessPointId and IAM) is the API's efsVolumeConfiguration (fileSystemId, rootDirectory,
transitEncryption, transitEncryptionPort, authorizationConfig with accessPointId and iam).

moto alone also dropped the task-level properties of AWS::ECS::TaskDefinition: NetworkMode, RequiresCompatibilities,
Cpu, TaskRoleArn, ExecutionRoleArn, RuntimePlatform and EphemeralStorage. A task of such a definition got
`bridge` networking (no ENI, so no address for the connection model) and no roles. They are the API's
networkMode, requiresCompatibilities, cpu, taskRoleArn, executionRoleArn, runtimePlatform (cpuArchitecture,
operatingSystemFamily) and ephemeralStorage (sizeInGiB), kept as the template gives them.
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
        template = kwargs.get('cloudformation_json') or next(
            (arg for arg in args if isinstance(arg, dict) and 'Properties' in arg), None)
        if template:
            task_level(definition, template.get('Properties') or {})
        return definition


def task_level(definition, properties):
    """The task-level properties moto's CloudFormation model leaves out, under the API's names."""
    compatibilities = properties.get('RequiresCompatibilities')
    if compatibilities:
        definition.requires_compatibilities = list(compatibilities)
        definition.compatibilities = ['EC2', 'FARGATE'] if 'FARGATE' in compatibilities else ['EC2']
    if properties.get('NetworkMode'):
        definition.network_mode = properties['NetworkMode']
    elif compatibilities and 'FARGATE' in compatibilities:
        definition.network_mode = 'awsvpc'
    if properties.get('Cpu') is not None:
        definition.cpu = str(properties['Cpu'])
    if properties.get('Memory') is not None:
        definition.memory = str(properties['Memory'])
    for key, attribute in (('TaskRoleArn', 'task_role_arn'), ('ExecutionRoleArn', 'execution_role_arn')):
        if properties.get(key):
            setattr(definition, attribute, properties[key])
    platform = properties.get('RuntimePlatform')
    if isinstance(platform, dict):
        definition.runtime_platform = {
            {'CpuArchitecture': 'cpuArchitecture', 'OperatingSystemFamily': 'operatingSystemFamily'}.get(k, k): v
            for k, v in platform.items()}
    storage = properties.get('EphemeralStorage')
    if isinstance(storage, dict) and storage.get('SizeInGiB') is not None:
        definition.ephemeral_storage = {'sizeInGiB': int(storage['SizeInGiB'])}
