"""SNS topic policies in stacks (patch 'sns-topic-policy'): CloudFormation creates, updates and deletes
AWS::SNS::TopicPolicy by setting each topic's Policy attribute, as the resource type's handlers do.

moto alone: CloudFormation had no model for AWS::SNS::TopicPolicy: it logged "No Moto CloudFormation support", set
nothing (GetTopicAttributes kept the default policy), and the stack still ended CREATE_COMPLETE with no row for the
policy in ListStackResources and no value for its Ref.

With the patch (following the handlers of aws-cloudformation/aws-cloudformation-resource-providers-sns,
aws-sns-topicpolicy): create and update SetTopicAttributes Policy on every topic in Topics; an update resets the
topics it no longer lists, and a delete resets all of them, to SNS's default policy ("SNS requires a policy for a
topic, so we must reset to the default policy"); Ref is the policy's id, `<logical id>-<12 characters>` in lower
case (IdentifierUtils.generateResourceIdentifier, lowered). A topic that does not exist fails the resource with the
handler's NotFound. docs/scheduler.md (which also covers AWS::Events::Rule) says more.
"""
import json
import uuid

from moto.core.common_models import CloudFormationModel

from .base import Patch, adopt_cloudformation_model, require

TYPE = 'AWS::SNS::TopicPolicy'


def _topic(arn):
    """The topic of an ARN (its own account and Region), or raises SNS's NotFound "Topic does not exist"."""
    from moto.sns.exceptions import TopicNotFound
    from moto.sns.models import sns_backends
    parts = str(arn).split(':')
    if len(parts) < 6:
        raise TopicNotFound
    topic = sns_backends[parts[4]][parts[3]].topics.get(arn)
    if topic is None:
        raise TopicNotFound
    return topic


def default_policy(topic):
    """The policy SNS gives a new topic (moto's, which is SNS's: the handler's getDefaultPolicy writes the same)."""
    backend = topic.sns_backend
    return json.dumps(topic._create_default_topic_policy(backend.region_name, topic.account_id, topic.name))


def failed(error):
    """A refusal as the Cloud Control handler reports it (CfnNotFoundException for a missing topic)."""
    message = getattr(error, 'message', None) or str(error)
    status = getattr(error, 'code', 400)
    code = 'NotFound' if status == 404 or 'does not exist' in message else 'InvalidRequest'
    error = RuntimeError(f'Resource handler returned message: "{message} (Service: Sns, Status Code: {status}, '
                         f'Request ID: {uuid.uuid4()})" (RequestToken: {uuid.uuid4()}, HandlerErrorCode: {code})')
    error.code, error.message = 'ResourceFailed', error.args[0]
    return error


def apply(properties, previous_topics=()):
    """SetTopicAttributes Policy on each topic; topics listed before but not now get the default policy back."""
    document = properties.get('PolicyDocument')
    topics = list(dict.fromkeys(properties.get('Topics') or []))
    if not document or not topics:
        raise failed(ValueError('Invalid create request, topics & policy document cannot be null or empty'))
    text = document if isinstance(document, str) else json.dumps(document)
    try:
        json.loads(text)
        found = [_topic(arn) for arn in topics]
    except ValueError as e:
        raise failed(ValueError(f'Invalid parameter: Policy Error: {e}'))
    except Exception as e:  # noqa: BLE001 - TopicNotFound
        raise failed(e)
    for topic in found:
        topic.policy = text
    for arn in previous_topics:
        if arn not in topics:
            reset(arn)
    return topics


def reset(arn):
    try:
        topic = _topic(arn)
    except Exception:  # noqa: BLE001 - "callbackContext.setIgnoreNotFound(true)": a topic already gone is fine
        return
    topic.policy = default_policy(topic)


class TopicPolicyResource(CloudFormationModel):
    """A stack's AWS::SNS::TopicPolicy: its id and the topics it set."""

    def __init__(self, policy_id, topics):
        self.policy_id, self.topics = policy_id, list(topics)

    @property
    def physical_resource_id(self):
        return self.policy_id

    @staticmethod
    def cloudformation_name_type():
        return ''

    @staticmethod
    def cloudformation_type():
        return TYPE

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr == 'Id'

    def get_cfn_attribute(self, attribute_name):
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
        if attribute_name == 'Id':
            return self.policy_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        from moto.cloudformation.utils import random_suffix
        topics = apply(cloudformation_json.get('Properties') or {})
        logical_id = kwargs.get('LogicalId') or 'SnsTopicPolicy'
        return cls(f'{logical_id}-{random_suffix()}'.lower(), topics)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                                        region_name):
        topics = apply(cloudformation_json.get('Properties') or {}, original_resource.topics)
        return cls(original_resource.policy_id, topics)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        for arn in (cloudformation_json.get('Properties') or {}).get('Topics') or []:
            reset(arn)

    def delete(self, account_id, region_name):
        for arn in self.topics:
            reset(arn)


class SNSTopicPolicyPatch(Patch):
    name = 'sns-topic-policy'
    prefix = 'sns'

    def install(self):
        from moto.cloudformation import utils
        from moto.sns import exceptions, models
        require(self.name, utils, 'random_suffix')
        require(self.name, models, 'sns_backends', 'Topic')
        require(self.name, models.Topic, '_create_default_topic_policy', 'policy',
                params=[('__init__', ['name', 'sns_backend'])])
        require(self.name, models.SNSBackend('us-east-1', '000000000000'), 'topics')
        require(self.name, exceptions, 'TopicNotFound')
        adopt_cloudformation_model(self.name, TYPE, TopicPolicyResource)

    def state(self):
        return {'cloudformationType': TYPE}
