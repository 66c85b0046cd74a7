"""EFS tokens (patch 'efs-tokens'): CreateAccessPoint honours its ClientToken, and the errors of a used token
carry the id of what exists, as botocore's EFS model says they do.

moto alone: every CreateAccessPoint made a new access point whatever its ClientToken, any FileSystemId was
accepted, and FileSystemAlreadyExists lacked its required FileSystemId member.
docs/ecs-efs-logs.md lists each behaviour, the AWS text it follows, and its limits.
"""
import json

from .base import Patch, require, wrap


class EFSPatch(Patch):
    name = 'efs-tokens'
    prefix = 'efs'

    def install(self):
        from moto.efs import exceptions, models
        require(self.name, models, 'EFSBackend', 'AccessPoint')
        require(self.name, exceptions, 'EFSError', 'FileSystemNotFound')
        require(self.name, models.EFSBackend, params=[
            ('create_access_point', ['client_token', 'tags', 'file_system_id', 'posix_user', 'root_directory']),
            ('create_file_system', ['creation_token'])])
        require(self.name, models.EFSBackend('us-east-1', '000000000000'),
                'access_points', 'file_systems_by_id', 'creation_tokens')
        require(self.name, models.AccessPoint, params=[('__init__', ['client_token', 'file_system_id'])])
        self.exceptions = exceptions
        self.AccessPointAlreadyExists, self.FileSystemAlreadyExists = error_classes(exceptions.EFSError)
        wrap(models.EFSBackend, 'create_access_point', self.create_access_point)
        wrap(models.EFSBackend, 'create_file_system', self.create_file_system)

    def create_access_point(self, old, backend, client_token, tags, file_system_id, posix_user, root_directory):
        """CreateAccessPoint. AccessPointAlreadyExists (409, members ErrorCode and AccessPointId): "Returned if
        the access point that you are trying to create already exists, with the creation token you provided in
        the request." Every call that repeats the ClientToken of an existing access point of this account and
        region gets it, whatever its other parameters; nothing is created. An unknown file system is
        FileSystemNotFound (404): "Returned if the specified FileSystemId value doesn't exist in the
        requester's Amazon Web Services account." A deleted access point frees its token."""
        with self.lock:
            fs_id = (file_system_id or '').rsplit('/', 1)[-1]  # an id or a file system ARN
            if fs_id not in backend.file_systems_by_id:
                raise self.exceptions.FileSystemNotFound(fs_id)
            existing = self.access_point_with_token(backend, client_token)
            if existing is not None:
                raise self.AccessPointAlreadyExists(existing.access_point_id, client_token)
            return old(backend, client_token, tags, fs_id, posix_user, root_directory)

    @staticmethod
    def access_point_with_token(backend, client_token):
        if not client_token:
            return None
        return next((ap for ap in backend.access_points.values() if ap.client_token == client_token), None)

    def create_file_system(self, old, backend, creation_token, *args, **kwargs):
        """CreateFileSystem: "Otherwise, this operation returns a FileSystemAlreadyExists error with the ID of
        the existing file system." (API reference) moto's error had no FileSystemId."""
        with self.lock:
            existing = next((fs for fs in backend.file_systems_by_id.values()
                             if creation_token and fs.creation_token == creation_token), None)
            if existing is not None:
                raise self.FileSystemAlreadyExists(existing.file_system_id, creation_token)
            return old(backend, creation_token, *args, **kwargs)


def error_classes(base):
    """The two 409 errors whose bodies carry the existing resource's id, as EFS's error shapes require."""

    class AccessPointAlreadyExists(base):
        code = 409

        def __init__(self, access_point_id, client_token):
            super().__init__('AccessPointAlreadyExists',
                             f'Access point {access_point_id} already exists with client token {client_token}.')
            self.description = json.dumps({'ErrorCode': 'AccessPointAlreadyExists', 'Message': self.message,
                                           'AccessPointId': access_point_id})

    class FileSystemAlreadyExists(base):
        code = 409

        def __init__(self, file_system_id, creation_token):
            super().__init__('FileSystemAlreadyExists',
                             f"File system '{file_system_id}' already exists with creation token '{creation_token}'")
            self.description = json.dumps({'ErrorCode': 'FileSystemAlreadyExists', 'Message': self.message,
                                           'FileSystemId': file_system_id})

    return AccessPointAlreadyExists, FileSystemAlreadyExists
