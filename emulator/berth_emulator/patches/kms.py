"""KMS keys in templates (patch 'kms-cfn-tags'): an AWS::KMS::Key's Tags are CloudFormation's Key/Value
pairs, as for every other resource.

moto alone: the template's Tags went to the KMS API's tagger unchanged, which expects TagKey/TagValue,
so any AWS::KMS::Key with Tags failed to create with `'TagKey'`.
"""
from .base import Patch, require, wrap


class KMSPatch(Patch):
    name = 'kms-cfn-tags'
    prefix = 'kms'

    def install(self):
        from moto.kms import models
        require(self.name, models, 'Key')
        require(self.name, models.Key, 'create_from_cloudformation_json')
        wrap(models.Key, 'create_from_cloudformation_json', self.create_from_cloudformation_json)

    @staticmethod
    def create_from_cloudformation_json(old, *args, **kwargs):
        """AWS::KMS::Key `Tags`: "Key" and "Value" (CloudFormation user guide); the KMS API's TagKey/TagValue."""
        template = kwargs.get('cloudformation_json', args[1] if len(args) > 1 else None)
        properties = (template or {}).get('Properties') or {}
        tags = properties.get('Tags')
        if isinstance(tags, list):
            properties['Tags'] = [{'TagKey': t.get('Key', t.get('TagKey')), 'TagValue': t.get('Value', t.get('TagValue'))}
                                  for t in tags if isinstance(t, dict)]
        return old(*args, **kwargs)
