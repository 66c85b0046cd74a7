"""AWS CodeBuild as `berth push --remote` uses it (patch 'codebuild'): a project made by CloudFormation
(AWS::CodeBuild::Project) or CreateProject; StartBuild with an S3 ZIP source and overrides; a build that goes through
CodeBuild's phases over BatchGetBuilds polls, writes its log to CloudWatch Logs as it goes, and does what Berth's
image buildspec would do (docker login, build and push, emulated in codebuild_docker.py): the pushed tags reach
moto's ECR.

moto alone: CloudFormation had no AWS::CodeBuild::Project (the resource was skipped, its Ref was its logical id).
CreateProject refused a NO_SOURCE project ("Project source location is required") and names starting with a digit.
StartBuild dropped every override (source, environment, variables, idempotency token) and the build's buildNumber
was random; BatchGetBuilds completed a build at the first call, SUCCEEDED, and appended all nine phases again at
every call; a build's logs named the group "null" and nothing was written anywhere; nothing was read from S3 and
nothing reached ECR; unknown ids were left out instead of listed in buildsNotFound.
docs/codebuild.md lists each behaviour, the AWS text it follows, and its limits.

Control API:
    POST /_berth/codebuild/config  {"polls": N}   BatchGetBuilds calls a build shows IN_PROGRESS
    GET  /_berth/codebuild/state                  the setting and every build: source, archive files, environment,
                                                  phases, status, pushed images
"""
import copy
import datetime
import hashlib
import io
import json
import math
import posixpath
import re
import time
import zipfile

from .base import Patch, PatchError, require, wrap
from .codebuild_docker import DAEMON, Docker, content_digest

PHASES = ('SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD', 'BUILD', 'POST_BUILD',
          'UPLOAD_ARTIFACTS', 'FINALIZING', 'COMPLETED')
COMPLETED = PHASES.index('COMPLETED')
# "Build phase transitions": where a build goes when a phase does not succeed. A failed BUILD still runs POST_BUILD,
# and "The UPLOAD_ARTIFACTS phase is always attempted, even if the BUILD phase fails."
AFTER_FAILURE = {'PROVISIONING': 'COMPLETED', 'DOWNLOAD_SOURCE': 'FINALIZING', 'INSTALL': 'FINALIZING',
                 'PRE_BUILD': 'FINALIZING', 'BUILD': 'POST_BUILD', 'POST_BUILD': 'UPLOAD_ARTIFACTS',
                 'UPLOAD_ARTIFACTS': 'FINALIZING', 'FINALIZING': 'COMPLETED', 'QUEUED': 'COMPLETED'}
COMMAND_PHASES = {'INSTALL': 'install', 'PRE_BUILD': 'pre_build', 'BUILD': 'build', 'POST_BUILD': 'post_build'}
# The phases whose end the build container's agent logs ("Phase complete: X State: Y").
REPORTED = frozenset({'DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD', 'BUILD', 'POST_BUILD', 'UPLOAD_ARTIFACTS'})
# CreateProject name: "[A-Za-z0-9][A-Za-z0-9\-_]{1,149}" (botocore's model of the API).
PROJECT_NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9\-_]{1,149}$')
SOURCE_TYPES = ('BITBUCKET', 'CODECOMMIT', 'CODEPIPELINE', 'GITHUB', 'GITHUB_ENTERPRISE', 'GITLAB',
                'GITLAB_SELF_MANAGED', 'NO_SOURCE', 'S3')
IDEMPOTENCY_SECONDS = 300   # "valid for 5 minutes"
DOCKER_LOGIN = re.compile(r'\bdocker\s+login\b')
DOCKER_BUILD = re.compile(r'\bdocker\s+(?:buildx\s+)?build\b')
DOCKER_PUSH = re.compile(r'\bdocker\s+push\b')
DOCKER_ANY = re.compile(r'\bdocker\b')


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc)


def api_shape(value):
    """CloudFormation's property names as the CodeBuild API spells them: Source.BuildSpec -> source.buildspec,
    LogsConfig.CloudWatchLogs.GroupName -> logsConfig.cloudWatchLogs.groupName, Tags Key/Value -> key/value."""
    if isinstance(value, dict):
        return {('buildspec' if k == 'BuildSpec' else k[:1].lower() + k[1:]): api_shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [api_shape(v) for v in value]
    return value


def as_bool(value):
    return value is True or str(value).lower() == 'true'


class Outcome:
    """How the current phase ends: its phaseStatus and context; `quiet` when the agent logs no end for it."""

    def __init__(self, status='SUCCEEDED', code='', message='', quiet=False):
        self.status, self.code, self.message, self.quiet = status, code, message, quiet


class Build:
    """One build: what StartBuild asked for, its phases, its log stream, and what the emulated buildspec did."""

    def __init__(self, backend, partition, project, number, build_id, request, polls):
        meta = project.project_metadata
        self.account, self.region, self.partition = backend.account_id, backend.region_name, partition
        self.id, self.number, self.project = build_id, number, meta['name']
        self.uuid = build_id.split(':', 1)[1]
        self.arn = f'arn:{partition}:codebuild:{self.region}:{self.account}:build/{build_id}'
        self.request = request
        source = copy.deepcopy(meta.get('source') or {})
        if request.get('sourceTypeOverride'):
            source['type'] = request['sourceTypeOverride']
        if request.get('sourceLocationOverride'):
            source['location'] = request['sourceLocationOverride']
        if request.get('buildspecOverride'):
            source['buildspec'] = request['buildspecOverride']
        self.source = source
        environment = copy.deepcopy(meta.get('environment') or {})
        for key, override in (('type', 'environmentTypeOverride'), ('image', 'imageOverride'),
                              ('computeType', 'computeTypeOverride'), ('privilegedMode', 'privilegedModeOverride'),
                              ('certificate', 'certificateOverride'),
                              ('imagePullCredentialsType', 'imagePullCredentialsTypeOverride')):
            if request.get(override) is not None:
                environment[key] = request[override]
        environment['privilegedMode'] = as_bool(environment.get('privilegedMode', False))
        environment.setdefault('imagePullCredentialsType', 'CODEBUILD')
        merged = {v['name']: dict(v) for v in environment.get('environmentVariables') or []}
        for variable in request.get('environmentVariablesOverride') or []:
            merged[variable['name']] = dict(variable)
        for variable in merged.values():
            variable.setdefault('type', 'PLAINTEXT')
        environment['environmentVariables'] = list(merged.values())
        self.environment = environment
        self.logs_config = copy.deepcopy(request.get('logsConfigOverride') or meta.get('logsConfig') or {})
        self.service_role = request.get('serviceRoleOverride') or meta.get('serviceRole')
        self.encryption_key = request.get('encryptionKeyOverride') or meta.get('encryptionKey')
        self.timeout = request.get('timeoutInMinutesOverride') or meta.get('timeoutInMinutes') or 60
        self.queued_timeout = request.get('queuedTimeoutInMinutesOverride') or meta.get('queuedTimeoutInMinutes') or 480
        self.start, self.end = utcnow(), None
        self.phases = [{'phaseType': 'SUBMITTED', 'startTime': self.start}]
        self.pending = Outcome()
        self.status, self.complete = 'IN_PROGRESS', False
        self.polls, self.describes = polls, 0
        self.log_group = self.log_stream = None
        self.last_ms = 0
        self.files = self.archive = None
        self.commands = None       # buildspec phase name -> [commands], once DOWNLOAD_SOURCE read it
        self.docker = None
        self.failure = None
        self.src_dir = f'/codebuild/output/src{int(self.uuid.replace("-", ""), 16) % 10 ** 10}/src'
        self.agent = False         # the build container's agent runs (it logs the phases' ends)

    @property
    def current(self):
        return self.phases[-1]['phaseType']

    @property
    def cloudwatch(self):
        return (self.logs_config.get('cloudWatchLogs') or {}).get('status', 'ENABLED') == 'ENABLED'

    def variables(self):
        """What the buildspec's commands see: CodeBuild's own variables, then the project's and the overrides."""
        values = {'AWS_REGION': self.region, 'AWS_DEFAULT_REGION': self.region, 'CODEBUILD_BUILD_ID': self.id,
                  'CODEBUILD_BUILD_ARN': self.arn, 'CODEBUILD_BUILD_NUMBER': str(self.number),
                  'CODEBUILD_BUILD_IMAGE': self.environment.get('image', ''), 'CODEBUILD_SRC_DIR': self.src_dir,
                  'CODEBUILD_INITIATOR': 'berth'}
        if self.source.get('type') == 'S3':
            values['CODEBUILD_SOURCE_VERSION'] = f'arn:{self.partition}:s3:::{self.source.get("location", "")}'
        values.update({v['name']: str(v.get('value', '')) for v in self.environment['environmentVariables']})
        return values

    def logs_view(self):
        view = {'cloudWatchLogs': copy.deepcopy(self.logs_config.get('cloudWatchLogs') or {'status': 'ENABLED'}),
                's3Logs': copy.deepcopy(self.logs_config.get('s3Logs') or {'status': 'DISABLED',
                                                                           'encryptionDisabled': False})}
        if not self.cloudwatch:
            return view
        # Until the build container starts there is no stream; AWS then shows "null" for both in these two.
        group, stream = (self.log_group, self.log_stream) if self.log_stream else ('null', 'null')
        if self.log_stream:
            view['groupName'], view['streamName'] = group, stream
        view['deepLink'] = (f'https://console.aws.amazon.com/cloudwatch/home?region={self.region}'
                            f'#logEvent:group={group};stream={stream}')
        view['cloudWatchLogsArn'] = f'arn:{self.partition}:logs:{self.region}:{self.account}:log-group:{group}' \
                                    f':log-stream:{stream}'
        return view

    def view(self):
        """The build as StartBuild and BatchGetBuilds return it."""
        answer = {'id': self.id, 'arn': self.arn, 'buildNumber': self.number, 'startTime': self.start,
                  'currentPhase': self.current, 'buildStatus': self.status, 'projectName': self.project,
                  'phases': copy.deepcopy(self.phases), 'source': copy.deepcopy(self.source),
                  'secondarySources': [], 'secondarySourceVersions': [], 'artifacts': {'location': ''},
                  'secondaryArtifacts': [], 'cache': {'type': 'NO_CACHE'},
                  'environment': copy.deepcopy(self.environment), 'serviceRole': self.service_role,
                  'logs': self.logs_view(), 'timeoutInMinutes': self.timeout,
                  'queuedTimeoutInMinutes': self.queued_timeout, 'buildComplete': self.complete,
                  'initiator': 'berth', 'encryptionKey': self.encryption_key}
        if self.end is not None:
            answer['endTime'] = self.end
        return answer

    def summary(self):
        """The build as GET /_berth/codebuild/state shows it."""
        return {'id': self.id, 'arn': self.arn, 'project': self.project, 'buildNumber': self.number,
                'status': self.status, 'currentPhase': self.current, 'complete': self.complete,
                'polls': self.polls, 'describes': self.describes,
                'sourceType': self.source.get('type'), 'sourceLocation': self.source.get('location'),
                'idempotencyToken': self.request.get('idempotencyToken'),
                'environmentType': self.environment.get('type'), 'image': self.environment.get('image'),
                'computeType': self.environment.get('computeType'),
                'privilegedMode': self.environment.get('privilegedMode'),
                'environmentVariablesOverride': copy.deepcopy(self.request.get('environmentVariablesOverride') or []),
                'environment': {v['name']: v.get('value') for v in self.environment['environmentVariables']},
                'archive': copy.deepcopy(self.archive),
                'files': sorted(self.files) if self.files is not None else None,
                'logs': {'groupName': self.log_group, 'streamName': self.log_stream} if self.log_stream else None,
                'phases': [{'phaseType': p['phaseType'], 'phaseStatus': p.get('phaseStatus')} for p in self.phases],
                'images': copy.deepcopy(self.docker.pushes) if self.docker else [],
                'failure': copy.deepcopy(self.failure)}


class CodeBuildPatch(Patch):
    name = 'codebuild'
    prefix = 'codebuild'

    def __init__(self, settings):
        super().__init__(settings)
        self.sequence = 0   # orders the builds of every account and region in the state

    # ------------------------------------------------------------------ install
    def install(self):
        import yaml
        from moto.cloudformation import exceptions as cfn_exceptions
        from moto.cloudformation import parsing
        from moto.codebuild import exceptions, models, responses
        from moto.core.common_models import CloudFormationModel
        from moto.core.responses import ActionResult
        from moto.ecr import exceptions as ecr_exceptions
        from moto.ecr import models as ecr_models
        from moto.logs import models as logs_models
        from moto.moto_api._internal import mock_random
        from moto.s3 import exceptions as s3_exceptions
        from moto.s3 import models as s3_models
        from moto.utilities.utils import get_partition

        name = self.name
        require(name, models, 'CodeBuildBackend', 'CodeBuild', 'codebuild_backends')
        require(name, models.CodeBuildBackend('us-east-1', '000000000000'), 'codebuild_projects', 'build_history',
                'account_id', 'region_name')
        require(name, models.CodeBuildBackend, 'delete_project', params=[('create_project', [
            'project_name', 'description', 'project_source', 'artifacts', 'environment', 'service_role', 'tags',
            'cache', 'timeout', 'queued_timeout', 'source_version', 'logs_config', 'vpc_config'])])
        require(name, models.CodeBuild, params=[('__init__', ['account_id', 'region', 'project_name'])])
        require(name, responses.CodeBuildResponse, 'start_build', 'batch_get_builds', 'stop_build', 'create_project',
                'codebuild_backend', '_get_param')
        require(name, responses, '_validate_required_params_source', '_validate_required_params_project_name',
                '_validate_required_params_service_role', '_validate_required_params_artifacts',
                '_validate_required_params_environment')
        require(name, exceptions, 'InvalidInputException', 'ResourceNotFoundException',
                'ResourceAlreadyExistsException')
        require(name, parsing, 'get_model_list', 'get_model_map', 'get_name_type_map')
        for cached in ('get_model_list', 'get_model_map', 'get_name_type_map'):
            if not hasattr(getattr(parsing, cached), 'cache_clear'):
                raise PatchError(f'{name}: moto.cloudformation.parsing.{cached} is no longer an lru_cache')
        if 'AWS::CodeBuild::Project' in parsing.get_model_map():
            raise PatchError(f'{name}: moto now models AWS::CodeBuild::Project; check it against this patch')
        require(name, cfn_exceptions, 'UnformattedGetAttTemplateException')
        require(name, ecr_models, 'ecr_backends')
        require(name, ecr_models.ECRBackend('us-east-1', '000000000000'), 'repositories')
        require(name, ecr_models.ECRBackend, params=[('put_image', [
            'repository_name', 'image_manifest', 'image_tag', 'image_manifest_mediatype', 'digest'])])
        require(name, ecr_models.Repository, 'is_tag_immutable')
        require(name, ecr_models.Image, 'image_digest', params=[('__init__', ['tag', 'manifest', 'repository'])])
        probe = ecr_models.Image('000000000000', 'probe', '{}', 'probe')
        require(name, probe, 'image_manifest', 'image_tags')
        require(name, ecr_exceptions, 'ImageAlreadyExistsException')
        require(name, logs_models, 'logs_backends')
        require(name, logs_models.LogsBackend('us-east-1', '000000000000'), 'groups')
        require(name, logs_models.LogsBackend, params=[
            ('create_log_group', ['log_group_name', 'tags']),
            ('ensure_log_stream', ['log_group_name', 'log_stream_name']),
            ('put_log_events', ['log_group_name', 'log_stream_name', 'log_events'])])
        require(name, s3_models, 's3_backends')
        require(name, s3_models.S3Backend, params=[('get_bucket', ['bucket_name']),
                                                   ('get_object', ['bucket_name', 'key_name'])])
        require(name, s3_exceptions, 'MissingBucket')
        require(name, mock_random, 'uuid4', 'get_random_hex', 'choice')
        require(name, ActionResult, 'result')

        self.yaml, self.ActionResult, self.random, self.partition_of = yaml, ActionResult, mock_random, get_partition
        self.exceptions, self.responses = exceptions, responses
        self.codebuild_backends, self.ecr_backends = models.codebuild_backends, ecr_models.ecr_backends
        self.ecr_exceptions, self.logs_backends = ecr_exceptions, logs_models.logs_backends
        self.s3_backends, self.MissingBucket = s3_models.s3_backends, s3_exceptions.MissingBucket

        patch = self
        validate_source = responses._validate_required_params_source

        def validate_required_params_source(source):
            """ProjectSource.location: "For source code settings that are specified in the source action of a
            pipeline in CodePipeline, location should not be specified"; a NO_SOURCE project has none either (its
            buildspec is inline). moto required a location for every type."""
            if isinstance(source, dict) and source.get('type') in ('NO_SOURCE', 'CODEPIPELINE') \
                    and not source.get('location'):
                return validate_source({**source, 'location': '-'})
            return validate_source(source)
        responses._validate_required_params_source = validate_required_params_source

        def validate_required_params_project_name(project_name):
            """The API's pattern, [A-Za-z0-9][A-Za-z0-9\\-_]{1,149} (moto wanted a letter first)."""
            if not isinstance(project_name, str) or not PROJECT_NAME.match(project_name):
                raise exceptions.InvalidInputException(
                    'Only alphanumeric characters, dash, and underscore are supported')
        responses._validate_required_params_project_name = validate_required_params_project_name

        wrap(models.CodeBuildBackend, 'create_project', self.create_project)
        wrap(responses.CodeBuildResponse, 'start_build', lambda _old, response: patch.start_build(response))
        wrap(responses.CodeBuildResponse, 'batch_get_builds', lambda _old, response: patch.batch_get_builds(response))
        wrap(responses.CodeBuildResponse, 'stop_build', lambda _old, response: patch.stop_build(response))

        self.Project = project_model(self, CloudFormationModel, cfn_exceptions.UnformattedGetAttTemplateException)
        for cached in ('get_model_list', 'get_model_map', 'get_name_type_map'):
            getattr(parsing, cached).cache_clear()
        if parsing.get_model_map().get('AWS::CodeBuild::Project') is not self.Project:
            raise PatchError(f'{name}: the AWS::CodeBuild::Project model did not register with moto\'s CloudFormation')

    # ------------------------------------------------------------------ control API
    def state(self):
        with self.lock:
            builds = []
            for by_region in list(self.codebuild_backends.values()):
                for backend in list(by_region.values()):
                    builds += list(backend.__dict__.get('berth_builds', {}).values())
            builds.sort(key=lambda b: b.sequence)
            return {'polls': self.settings.codebuild_polls, 'builds': [b.summary() for b in builds]}

    def control(self, method, action, body):
        if (method, action) == ('GET', 'state'):
            return 200, self.state()
        if (method, action) == ('POST', 'config'):
            return self.configure_polls(body, 'codebuild_polls')
        return super().control(method, action, body)

    # ------------------------------------------------------------------ projects
    @staticmethod
    def create_project(old, backend, *args, **kwargs):
        """CreateProject (and the CloudFormation resource): timeoutInMinutes defaults to 60 and
        queuedTimeoutInMinutes to 480 ("If not specified, the default is 60 minutes" / "480 minutes (8 hours)");
        moto stored 0."""
        metadata = old(backend, *args, **kwargs)
        metadata['timeoutInMinutes'] = metadata.get('timeoutInMinutes') or 60
        metadata['queuedTimeoutInMinutes'] = metadata.get('queuedTimeoutInMinutes') or 480
        return metadata

    def put_project(self, account_id, region_name, name, properties, create):
        """An AWS::CodeBuild::Project's properties made into a CodeBuild project (create) or applied to it (an
        in-place update; Name is the one create-only property, so a new Name is a replacement). Checked as
        CreateProject checks them. Returns the project's ARN."""
        backend = self.codebuild_backends[account_id][region_name]
        props = api_shape(copy.deepcopy(properties))
        source, artifacts, environment = props.get('source') or {}, props.get('artifacts') or {}, \
            props.get('environment') or {}
        invalid = self.exceptions.InvalidInputException
        for label, value in (('Source', source), ('Artifacts', artifacts), ('Environment', environment)):
            if not isinstance(value, dict) or not value.get('type'):
                raise invalid(f'Invalid {label.lower()}: {label}.Type is required')
        if 'privilegedMode' in environment:
            environment['privilegedMode'] = as_bool(environment['privilegedMode'])
        role = props.get('serviceRole') or ''
        with self.lock:
            self.responses._validate_required_params_project_name(name)
            self.responses._validate_required_params_source(source)
            self.responses._validate_required_params_service_role(account_id, region_name, role)
            self.responses._validate_required_params_artifacts(artifacts)
            self.responses._validate_required_params_environment(environment)
            arn = f'arn:{self.partition_of(region_name)}:codebuild:{region_name}:{account_id}:project/{name}'
            existing = backend.codebuild_projects.get(name)
            if create and existing is not None:
                raise self.exceptions.ResourceAlreadyExistsException(f'Project already exists: {arn}')
            history = backend.build_history.get(name, [])
            metadata = backend.create_project(
                project_name=name, description=props.get('description'), project_source=source, artifacts=artifacts,
                environment=environment, service_role=role, tags=props.get('tags'), cache=props.get('cache'),
                timeout=int(props['timeoutInMinutes']) if props.get('timeoutInMinutes') else None,
                queued_timeout=int(props['queuedTimeoutInMinutes']) if props.get('queuedTimeoutInMinutes') else None,
                source_version=props.get('sourceVersion'), logs_config=props.get('logsConfig'),
                vpc_config=props.get('vpcConfig'))
            if props.get('encryptionKey'):
                metadata['encryptionKey'] = props['encryptionKey']
            if existing is not None:
                metadata['created'] = existing.project_metadata.get('created', metadata['created'])
                backend.build_history[name] = history
        return arn

    # ------------------------------------------------------------------ StartBuild
    def start_build(self, response):
        """StartBuild. The project must exist ("Project cannot be found: <project ARN>", moto's text). Overrides
        apply "for this build only": source type/location/buildspec, environment type/image/compute/privileged
        mode, environment variables (by name, over the project's), logs config, timeouts. idempotencyToken: "If
        you repeat the StartBuild request with the same token, but change a parameter, CodeBuild returns a
        parameter mismatch error" (InvalidInputException here); the same request within 5 minutes returns the build
        the first one started. The build starts SUBMITTED, IN_PROGRESS, with buildNumber one more than the project's
        last build ("For each project, the buildNumber of its first build is 1")."""
        param, backend = response._get_param, response.codebuild_backend
        name = param('projectName')
        self.responses._validate_required_params_project_name(name)
        partition = self.partition_of(backend.region_name)
        project = backend.codebuild_projects.get(name)
        if project is None:
            raise self.exceptions.ResourceNotFoundException(
                f'Project cannot be found: arn:{partition}:codebuild:{backend.region_name}:{backend.account_id}'
                f':project/{name}')
        try:
            request = json.loads(response.body or '{}') if isinstance(response.body, (str, bytes)) else {}
        except ValueError:
            request = {}
        invalid = self.exceptions.InvalidInputException
        source_type = request.get('sourceTypeOverride')
        if source_type is not None and source_type not in SOURCE_TYPES:
            raise invalid('Invalid type provided: Project source type')
        effective = source_type or (project.project_metadata.get('source') or {}).get('type')
        location = request.get('sourceLocationOverride') or (
            None if source_type else (project.project_metadata.get('source') or {}).get('location'))
        if effective == 'S3' and not location:
            raise invalid('Project source location is required')
        for variable in request.get('environmentVariablesOverride') or []:
            if variable.get('type', 'PLAINTEXT') not in ('PLAINTEXT', 'PARAMETER_STORE', 'SECRETS_MANAGER'):
                raise invalid(f'Invalid environment variable type: {variable.get("type")}')
        token = request.get('idempotencyToken')
        fingerprint = json.dumps({k: v for k, v in request.items() if k != 'idempotencyToken'}, sort_keys=True)
        with self.lock:
            builds = backend.__dict__.setdefault('berth_builds', {})
            tokens = backend.__dict__.setdefault('berth_tokens', {})
            if token and token in tokens and time.time() - tokens[token][2] < IDEMPOTENCY_SECONDS:
                known, build_id, _at = tokens[token]
                if known != fingerprint:
                    raise invalid(f'Idempotency token {token} was used with different parameters')
                return self.ActionResult({'build': builds[build_id].view()})
            numbers = backend.__dict__.setdefault('berth_numbers', {})
            numbers[name] = numbers.get(name, 0) + 1
            build = Build(backend, partition, project, numbers[name], f'{name}:{self.random.uuid4()}', request,
                          self.settings.codebuild_polls)
            self.sequence += 1
            build.sequence = self.sequence
            builds[build.id] = build
            backend.build_history.setdefault(name, []).append(build.id)
            if token:
                tokens[token] = (fingerprint, build.id, time.time())
            return self.ActionResult({'build': build.view()})

    # ------------------------------------------------------------------ BatchGetBuilds
    def batch_get_builds(self, response):
        """BatchGetBuilds. Each call that names a build is one step of it: after `polls` calls showing it
        IN_PROGRESS, the next shows it complete; the phases in between are spread over those calls (a failed build,
        which skips phases, may end sooner). Unknown ids are listed in buildsNotFound."""
        backend = response.codebuild_backend
        ids = response._get_param('ids') or []
        for build_id in ids:
            if ':' not in build_id:
                raise self.exceptions.InvalidInputException('Invalid build ID provided')
        found, missing = [], []
        with self.lock:
            builds = backend.__dict__.get('berth_builds', {})
            for build_id in dict.fromkeys(ids):
                build = builds.get(build_id)
                if build is None:
                    missing.append(build_id)
                    continue
                self.step(build)
                found.append(build.view())
        return self.ActionResult({'builds': found, 'buildsNotFound': missing})

    def stop_build(self, response):
        """StopBuild: the current phase ends STOPPED, then FINALIZING and COMPLETED; buildStatus STOPPED. A build
        already complete is returned as it is. An unknown id: ResourceNotFoundException."""
        backend, build_id = response.codebuild_backend, response._get_param('id')
        with self.lock:
            build = backend.__dict__.get('berth_builds', {}).get(build_id)
            if build is None:
                raise self.exceptions.ResourceNotFoundException(f'Build {build_id} does not exist')
            if not build.complete:
                build.pending = Outcome('STOPPED')
                if build.failure is None:
                    build.failure = {'phase': build.current, 'phaseStatus': 'STOPPED', 'statusCode': '',
                                     'message': ''}
                self.close_phase(build)
                if build.current != 'FINALIZING':
                    build.phases.append({'phaseType': 'FINALIZING', 'startTime': utcnow()})
                    build.pending = Outcome()
                    self.close_phase(build)
                build.phases.append({'phaseType': 'COMPLETED', 'startTime': utcnow()})
                self.finish(build, 'STOPPED')
            return self.ActionResult({'build': build.view()})

    # ------------------------------------------------------------------ the phases
    def step(self, build):
        build.describes += 1
        if build.complete:
            return
        target = COMPLETED if build.polls <= 0 else math.ceil(build.describes * COMPLETED / (build.polls + 1))
        while not build.complete and PHASES.index(build.current) < target:
            self.advance(build)

    def advance(self, build):
        """The current phase ends as its work decided; the next one (by the phase transitions) starts and does its
        work now, so its log lines are there while it is the current phase."""
        outcome = build.pending
        self.close_phase(build)
        phase = build.current
        following = AFTER_FAILURE[phase] if outcome.status != 'SUCCEEDED' else PHASES[PHASES.index(phase) + 1]
        build.phases.append({'phaseType': following, 'startTime': utcnow()})
        build.pending = Outcome()
        if following == 'COMPLETED':
            self.finish(build, 'FAILED' if build.failure else 'SUCCEEDED')
            return
        work = {'PROVISIONING': self.provision, 'DOWNLOAD_SOURCE': self.download_source,
                'UPLOAD_ARTIFACTS': lambda _b: Outcome()}.get(following)
        if following in COMMAND_PHASES:
            build.pending = self.run_commands(build, following)
        elif work is not None:
            build.pending = work(build)

    def close_phase(self, build):
        outcome, phase, now = build.pending, build.phases[-1], utcnow()
        phase['phaseStatus'] = outcome.status
        phase['endTime'] = now
        phase['durationInSeconds'] = int((now - phase['startTime']).total_seconds())
        if phase['phaseType'] != 'SUBMITTED':
            phase['contexts'] = [{'statusCode': outcome.code, 'message': outcome.message}]
        if outcome.status != 'SUCCEEDED' and build.failure is None:
            build.failure = {'phase': phase['phaseType'], 'phaseStatus': outcome.status, 'statusCode': outcome.code,
                             'message': outcome.message}
        if build.agent and phase['phaseType'] in REPORTED and not outcome.quiet:
            state = 'SUCCEEDED' if outcome.status == 'SUCCEEDED' else 'FAILED'
            self.agent_log(build, f'Phase complete: {phase["phaseType"]} State: {state}',
                           f'Phase context status code: {outcome.code} Message: {outcome.message}')

    def finish(self, build, status):
        build.status, build.complete, build.end = status, True, build.phases[-1]['startTime']

    def provision(self, build):
        """PROVISIONING: the build container starts, and with it the log stream: LogsConfig.cloudWatchLogs
        groupName (CodeBuild's default /aws/codebuild/<project> without one; made if missing), stream
        `<streamName>/<build uuid>` ("The prefix of the stream name") or the build uuid alone."""
        if build.cloudwatch:
            config = build.logs_config.get('cloudWatchLogs') or {}
            group = config.get('groupName') or f'/aws/codebuild/{build.project}'
            prefix = config.get('streamName')
            stream = f'{prefix}/{build.uuid}' if prefix else build.uuid
            logs = self.logs_backends[build.account][build.region]
            if group not in logs.groups:
                logs.create_log_group(group, {})
            logs.ensure_log_stream(group, stream)
            build.log_group, build.log_stream = group, stream
        build.agent = True
        self.agent_log(build, 'Running on CodeBuild On-demand', 'Waiting for agent ping', 'Waiting for DOWNLOAD_SOURCE')
        return Outcome()

    def download_source(self, build):
        """DOWNLOAD_SOURCE: the S3 source (a ZIP object, or a folder when the location ends in /) is unpacked, then
        the buildspec (inline, or a file of the source) is read. An S3 error or an object that is no ZIP is
        CLIENT_ERROR "... for primary source and source version arn:aws:s3:::<location>"; a buildspec that is
        missing or no YAML is YAML_FILE_ERROR."""
        files, problem = self.source_files(build)
        if problem is not None:
            self.plain_log(build, f'CLIENT_ERROR: {problem}')
            return Outcome('CLIENT_ERROR', 'CLIENT_ERROR', problem, quiet=True)
        build.files = files
        self.agent_log(build, 'Phase is DOWNLOAD_SOURCE', f'CODEBUILD_SRC_DIR={build.src_dir}')
        spec = build.source.get('buildspec') or ''
        if '\n' in spec or spec.lstrip().startswith('version'):
            where, text = '/codebuild/readonly/buildspec.yml', spec
        else:
            path = posixpath.normpath(spec or 'buildspec.yml')
            where, text = f'{build.src_dir}/{path}', files.get(path)
            if text is None:
                return Outcome('CLIENT_ERROR', 'YAML_FILE_ERROR', f'stat {where}: no such file or directory')
        self.agent_log(build, f'YAML location is {where}')
        try:
            parsed = self.yaml.safe_load(text)
        except self.yaml.YAMLError as e:
            return Outcome('CLIENT_ERROR', 'YAML_FILE_ERROR', f'Invalid buildspec: {str(e).splitlines()[0]}')
        if not isinstance(parsed, dict) or str(parsed.get('version')) not in ('0.1', '0.2'):
            return Outcome('CLIENT_ERROR', 'YAML_FILE_ERROR', 'Invalid buildspec: missing or unsupported version')
        commands = {}
        for key, phase in ((k.lower(), v) for k, v in ((parsed.get('phases') or {}).items())):
            listed = (phase or {}).get('commands') if isinstance(phase, dict) else None
            for i, command in enumerate(listed or []):
                if not isinstance(command, str):
                    return Outcome('CLIENT_ERROR', 'YAML_FILE_ERROR',
                                   f'Expected Commands[{i}] to be of string type: found subkeys instead')
            commands[key] = list(listed or [])
        build.commands = commands
        present = [(p, commands[k]) for p, k in COMMAND_PHASES.items() if commands.get(k)]
        lines = ['Setting HTTP client timeout to higher timeout for S3 source'] if build.source.get('type') == 'S3' \
            else []
        lines += ['Processing environment variables', 'No runtime version selected in buildspec.',
                  f'Moving to directory {build.src_dir}',
                  'Unable to initialize cache download: no paths specified to be cached',
                  'Registering with agent', f'Phases found in YAML: {len(present)}']
        lines += [f' {p}: {len(c)} commands' for p, c in present]
        self.agent_log(build, *lines)
        build.docker = Docker(files, build.variables(), build.environment.get('privilegedMode'),
                              'arm64' if build.environment.get('type', '').startswith('ARM') else 'amd64',
                              self.ecr_backends, self.ecr_exceptions, self.random.get_random_hex)
        return Outcome()

    def source_files(self, build):
        """({path: bytes}, None) or (None, the CLIENT_ERROR message)."""
        source = build.source
        if source.get('type') == 'NO_SOURCE':
            build.archive = None
            return {}, None
        if source.get('type') != 'S3':
            return {}, None  # other source types are not emulated: an empty source
        location = source.get('location') or ''
        version = f'arn:{build.partition}:s3:::{location}'
        bucket, _, key = location.partition('/')
        s3 = self.s3_backends[build.account][build.partition]
        request = ''.join(self.random.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') for _ in range(16))
        host = self.random.get_random_hex(38)
        suffix = f'\tstatus code: 404, request id: {request}, host id: {host} for primary source and source version ' \
                 f'{version}'
        try:
            found = s3.get_bucket(bucket) if bucket else None
        except self.MissingBucket:
            found = None
        if found is None:
            return None, f'NoSuchBucket: The specified bucket does not exist\n{suffix}'
        if not key or key.endswith('/'):
            files = {}
            for name in list(found.keys.keys()):
                obj = s3.get_object(bucket, name)
                if name.startswith(key) and obj is not None and not name.endswith('/'):
                    files[name[len(key):]] = obj.value
            build.archive = {'bytes': sum(len(v) for v in files.values()), 'sha256': content_digest(files),
                             'folder': True}
            return files, None
        obj = s3.get_object(bucket, key)
        if obj is None:
            return None, f'NoSuchKey: The specified key does not exist.\n{suffix}'
        data = obj.value
        build.archive = {'bytes': len(data), 'sha256': hashlib.sha256(data).hexdigest(), 'folder': False}
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                files = {}
                for info in archive.infolist():
                    name = posixpath.normpath(info.filename.lstrip('/'))
                    if info.is_dir() or name.startswith('..') or name == '.':
                        continue
                    files[name] = archive.read(info)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError) as e:
            reason = 'zip: not a valid zip file' if isinstance(e, zipfile.BadZipFile) else f'zip: {e}'
            return None, f'{reason} for primary source and source version {version}'
        return files, None

    def run_commands(self, build, phase):
        """INSTALL, PRE_BUILD, BUILD, POST_BUILD: the buildspec's commands of the phase, in order, each logged as
        "Running command ..." with its output. A command that fails ends the phase: "Command did not exit
        successfully <command> exit status N", COMMAND_EXECUTION_ERROR "Error while executing command: <command>.
        Reason: exit status N"."""
        self.agent_log(build, f'Entering phase {phase}')
        for command in (build.commands or {}).get(COMMAND_PHASES[phase], []):
            self.agent_log(build, f'Running command {command}')
            output = []
            status = self.execute(build, command, output.append)
            self.plain_log(build, *output)
            if status:
                self.agent_log(build, f'Command did not exit successfully {command} exit status {status}')
                return Outcome('FAILED', 'COMMAND_EXECUTION_ERROR',
                               f'Error while executing command: {command}. Reason: exit status {status}')
        return Outcome()

    def execute(self, build, command, out):
        """One buildspec command, recognised by the docker command it runs: `docker login`, `docker build` (with
        Berth's BERTH_* variables), `docker push` (each of BERTH_IMAGE_TAGS, as the buildspec's loop does). Other
        docker commands need the daemon; anything else succeeds without output."""
        docker = build.docker
        if DOCKER_LOGIN.search(command):
            return docker.login(out)
        if DOCKER_BUILD.search(command):
            return docker.build(out)
        if DOCKER_PUSH.search(command):
            repository, status = docker.env.get('BERTH_IMAGE_REPOSITORY', ''), 0
            for tag in docker.env.get('BERTH_IMAGE_TAGS', '').split():
                status = docker.push(out, f'{repository}:{tag}', build.region)
            return status
        if DOCKER_ANY.search(command) and not docker.privileged:
            out(DAEMON)
            return 1
        return 0

    # ------------------------------------------------------------------ the log
    def agent_log(self, build, *lines):
        """Lines of the build container's agent: `[Container] 2026/12/04 12:00:00.123456 <text>`; a text of several
        lines continues unprefixed."""
        stamp = utcnow().strftime('%Y/%m/%d %H:%M:%S.%f')
        out = []
        for line in lines:
            first, *rest = line.split('\n')
            out.append(f'[Container] {stamp} {first}')
            out += rest
        self.plain_log(build, *out)

    def plain_log(self, build, *lines):
        """Lines as the build writes them to its stream, one event each (CloudWatch Logs takes no empty message),
        timestamps never going back, so that GetLogEvents from a forward token sees each line once, in order."""
        if not build.log_stream:
            return
        events = []
        now = max(int(time.time() * 1000), build.last_ms)
        for line in lines:
            for part in str(line).split('\n'):
                if part.strip():
                    events.append({'timestamp': now, 'message': part})
        if events:
            self.logs_backends[build.account][build.region].put_log_events(build.log_group, build.log_stream, events)
            build.last_ms = now


def project_model(patch, CloudFormationModel, UnformattedGetAtt):
    """AWS::CodeBuild::Project for moto's CloudFormation: Ref is the project's name ("such as myProjectName"),
    Fn::GetAtt Arn its ARN. Made, updated and deleted through moto's CodeBuild backend."""

    class CodeBuildProject(CloudFormationModel):
        def __init__(self, name, arn):
            self.name, self.arn = name, arn

        @staticmethod
        def cloudformation_name_type():
            return 'Name'

        @staticmethod
        def cloudformation_type():
            return 'AWS::CodeBuild::Project'

        @classmethod
        def has_cfn_attr(cls, attr):
            return attr == 'Arn'

        def get_cfn_attribute(self, attribute_name):
            if attribute_name == 'Arn':
                return self.arn
            raise UnformattedGetAtt()

        @property
        def physical_resource_id(self):
            return self.name

        def is_created(self):
            return True

        @classmethod
        def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name,
                                            **kwargs):
            properties = cloudformation_json.get('Properties') or {}
            return cls(resource_name, patch.put_project(account_id, region_name, resource_name, properties, True))

        @classmethod
        def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json,
                                            account_id, region_name):
            properties = cloudformation_json.get('Properties') or {}
            name = original_resource.name
            return cls(name, patch.put_project(account_id, region_name, name, properties, False))

        @classmethod
        def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
            patch.codebuild_backends[account_id][region_name].delete_project(resource_name)

        def delete(self, account_id, region_name):
            patch.codebuild_backends[account_id][region_name].delete_project(self.name)

    CodeBuildProject.__qualname__ = CodeBuildProject.__name__
    return CodeBuildProject
