"""AWS::ServiceDiscovery::HttpNamespace in stacks (patch 'servicediscovery'): the Cloud Map namespace ECS Service
Connect registers services in.

moto alone: CloudFormation had no model for the type, so the resource was skipped, its Ref was empty and an Output
naming it was left out of DescribeStacks; a stack's services then never got a Service Connect configuration.

AWS (CloudFormation resource reference, AWS::ServiceDiscovery::HttpNamespace): Name is required and replaces the
namespace when changed; "When you pass the logical ID of this resource to the intrinsic Ref function, Ref returns the
ID of the namespace"; Fn::GetAtt gives Arn and Id. A name already taken in the account and Region fails the
resource (Cloud Map's NamespaceAlreadyExists).
"""
from moto.core.common_models import CloudFormationModel

from .base import Patch, adopt_cloudformation_model, require

TYPE = 'AWS::ServiceDiscovery::HttpNamespace'


def backend(account_id, region_name):
    from moto.servicediscovery.models import servicediscovery_backends
    return servicediscovery_backends[account_id][region_name]


class HttpNamespaceResource(CloudFormationModel):
    """A stack's HTTP namespace, kept in moto's Cloud Map backend so ListNamespaces and GetNamespace see it."""

    def __init__(self, namespace, account_id, region_name):
        self.namespace, self.account_id, self.region_name = namespace, account_id, region_name

    @property
    def physical_resource_id(self):
        return self.namespace.id

    @staticmethod
    def cloudformation_name_type():
        return 'Name'

    @staticmethod
    def cloudformation_type():
        return TYPE

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in ('Arn', 'Id')

    def get_cfn_attribute(self, attribute_name):
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
        if attribute_name == 'Arn':
            return self.namespace.arn
        if attribute_name == 'Id':
            return self.namespace.id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json.get('Properties') or {}
        name = properties.get('Name') or resource_name
        cloud_map = backend(account_id, region_name)
        if any(ns.name == name for ns in cloud_map.namespaces.values()):
            from moto.cloudformation.exceptions import ValidationError
            raise ValidationError(name, f'Namespace with name {name} already exists (Service: ServiceDiscovery, '
                                        'Status Code: 400, Error Code: NamespaceAlreadyExists)')
        tags = [{'Key': t['Key'], 'Value': t['Value']} for t in properties.get('Tags') or []]
        cloud_map.create_http_namespace(name=name, creator_request_id=None, description=properties.get('Description'),
                                        tags=tags)
        namespace = next(ns for ns in reversed(list(cloud_map.namespaces.values())) if ns.name == name)
        return cls(namespace, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                                        region_name):
        properties = cloudformation_json.get('Properties') or {}
        if (properties.get('Name') or new_resource_name) != original_resource.namespace.name:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        original_resource.namespace.description = properties.get('Description')
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        cloud_map = backend(account_id, region_name)
        for namespace_id, namespace in list(cloud_map.namespaces.items()):
            if namespace_id == resource_name or namespace.name == resource_name:
                cloud_map.delete_namespace(namespace_id)

    def delete(self, account_id, region_name):
        cloud_map = backend(account_id, region_name)
        if self.namespace.id in cloud_map.namespaces:
            cloud_map.delete_namespace(self.namespace.id)


class ServiceDiscoveryPatch(Patch):
    name = 'servicediscovery'
    prefix = 'servicediscovery'

    def install(self):
        from moto.servicediscovery import models
        require(self.name, models, 'servicediscovery_backends', 'Namespace')
        require(self.name, models.ServiceDiscoveryBackend, 'delete_namespace', params=[
            ('create_http_namespace', ['name', 'creator_request_id', 'description', 'tags'])])
        adopt_cloudformation_model(self.name, TYPE, HttpNamespaceResource)

    def state(self):
        return {'cloudformationType': TYPE}
