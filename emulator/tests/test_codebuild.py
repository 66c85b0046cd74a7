"""AWS CodeBuild as `berth push --remote` uses it (patch codebuild), with boto3 against the emulator: a project like
the infra stack's, a ZIP context in S3, StartBuild with Berth's overrides, BatchGetBuilds polls and the build's log
followed with GetLogEvents as Berth follows it."""
import io
import json
import re
import zipfile

import botocore.exceptions
import pytest

PROJECT = 'site-dev-images'
GROUP = '/berth/site/dev'
BUCKET = 'berth-artifacts-123456789012-us-east-1'
REPOSITORY = 'site/web'
REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com'
# The buildspec of Berth's infra stack (StackTemplates, InfraStack+ImageBuilds.swift).
BUILDSPEC = '''version: 0.2
env:
  shell: bash
phases:
  pre_build:
    commands:
      - aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "${BERTH_IMAGE_REPOSITORY%%/*}"
  build:
    commands:
      - |
        args=(--platform "$BERTH_PLATFORM" --file "$BERTH_DOCKERFILE")
        if [ -n "$BERTH_TARGET" ]; then args+=(--target "$BERTH_TARGET"); fi
        while IFS= read -r arg; do if [ -n "$arg" ]; then args+=(--build-arg "$arg"); fi; done <<< "$BERTH_BUILD_ARGS"
        for tag in $BERTH_IMAGE_TAGS; do args+=(--tag "$BERTH_IMAGE_REPOSITORY:$tag"); done
        docker build "${args[@]}" .
      - for tag in $BERTH_IMAGE_TAGS; do docker push "$BERTH_IMAGE_REPOSITORY:$tag"; done
'''
CONTEXT = {'Dockerfile': 'FROM alpine:3.20 AS runtime\nWORKDIR /app\nCOPY server.js .\nRUN apk add --no-cache nodejs\n'
                         'EXPOSE 8080\n',
           '.dockerignore': 'secret.txt\n', 'server.js': 'console.log(1)\n', 'lib/util.js': 'exports.x = 1\n'}


def zipped(files):
    data = io.BytesIO()
    with zipfile.ZipFile(data, 'w', zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return data.getvalue()


def error(call):
    with pytest.raises(botocore.exceptions.ClientError) as e:
        call()
    return e.value.response['Error']


class Site:
    """An artifacts bucket, the site's log group and ECR repository, and the image build project (made with
    CreateProject; test_cloudformation_* make it from a template)."""

    def __init__(self, aws, privileged=True, repository=True, logs_config=None):
        self.aws = aws
        self.cb, self.s3, self.ecr, self.logs, self.iam = (aws.client(s) for s in ('codebuild', 's3', 'ecr', 'logs',
                                                                                    'iam'))
        aws.control('POST', '/_berth/codebuild/config', {'polls': 3})
        trust = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 'sts:AssumeRole',
                                                        'Principal': {'Service': 'codebuild.amazonaws.com'}}]}
        self.role = self.iam.create_role(RoleName='site-dev-ImageBuildRole',
                                         AssumeRolePolicyDocument=json.dumps(trust))['Role']['Arn']
        self.logs.create_log_group(logGroupName=GROUP)
        self.s3.create_bucket(Bucket=BUCKET)
        if repository:
            self.ecr.create_repository(repositoryName=REPOSITORY)
        self.cb.create_project(
            name=PROJECT, source={'type': 'NO_SOURCE', 'buildspec': BUILDSPEC}, artifacts={'type': 'NO_ARTIFACTS'},
            environment={'type': 'LINUX_CONTAINER', 'image': 'aws/codebuild/amazonlinux2-x86_64-standard:5.0',
                         'computeType': 'BUILD_GENERAL1_SMALL', 'privilegedMode': privileged},
            serviceRole=self.role, timeoutInMinutes=30,
            logsConfig=logs_config or {'cloudWatchLogs': {'status': 'ENABLED', 'groupName': GROUP,
                                                          'streamName': 'codebuild'}})

    def upload(self, files=None, key='build-contexts/web/abc.zip', body=None):
        self.s3.put_object(Bucket=BUCKET, Key=key, Body=body if body is not None else zipped(files or CONTEXT))
        return f'{BUCKET}/{key}'

    def start(self, location=None, tags='v1 latest', platform='linux/amd64', dockerfile='Dockerfile', target='',
              build_args='', repository=f'{REGISTRY}/{REPOSITORY}', token=None, **overrides):
        variables = {'BERTH_IMAGE_REPOSITORY': repository, 'BERTH_IMAGE_TAGS': tags, 'BERTH_DOCKERFILE': dockerfile,
                     'BERTH_PLATFORM': platform, 'BERTH_TARGET': target, 'BERTH_BUILD_ARGS': build_args}
        if platform == 'linux/arm64':
            overrides.setdefault('environmentTypeOverride', 'ARM_CONTAINER')
            overrides.setdefault('imageOverride', 'aws/codebuild/amazonlinux2-aarch64-standard:3.0')
        if token:
            overrides['idempotencyToken'] = token
        return self.cb.start_build(
            projectName=PROJECT, sourceTypeOverride='S3', sourceLocationOverride=location or self.upload(),
            environmentVariablesOverride=[{'name': k, 'value': v, 'type': 'PLAINTEXT'} for k, v in variables.items()],
            **overrides)['build']

    def follow(self, build_id, limit=20):
        """Polls as Berth does: BatchGetBuilds, then GetLogEvents from the last forward token until it stops
        moving. Returns the final build and, per poll, (currentPhase, the lines that arrived)."""
        token, polls = None, []
        for _ in range(limit):
            build = self.cb.batch_get_builds(ids=[build_id])['builds'][0]
            lines = []
            if build['logs'].get('streamName'):
                while True:
                    page = self.logs.get_log_events(logGroupName=build['logs']['groupName'],
                                                    logStreamName=build['logs']['streamName'], startFromHead=True,
                                                    **({'nextToken': token} if token else {}))
                    lines += [e['message'] for e in page['events']]
                    moved, token = page['nextForwardToken'] != token, page['nextForwardToken']
                    if not page['events'] or not moved:
                        break
            polls.append((build['currentPhase'], lines))
            if build['buildComplete']:
                return build, polls
        raise AssertionError(f'build {build_id} did not complete in {limit} polls: {polls}')

    def run(self, **kwargs):
        build, polls = self.follow(self.start(**kwargs)['id'])
        return build, [line for _phase, lines in polls for line in lines]

    def stream(self, build):
        return [e['message'] for e in self.logs.get_log_events(
            logGroupName=build['logs']['groupName'], logStreamName=build['logs']['streamName'],
            startFromHead=True)['events']]

    def images(self):
        return {t: i['imageDigest'] for i in self.ecr.describe_images(repositoryName=REPOSITORY)['imageDetails']
                for t in i.get('imageTags', [])}

    def state(self):
        return self.aws.control('GET', '/_berth/codebuild/state')


@pytest.fixture
def site(aws):
    return Site(aws)


def phases(build):
    return [(p['phaseType'], p.get('phaseStatus')) for p in build['phases']]


def failed_phase(build):
    phase = next(p for p in build['phases'] if p.get('phaseStatus') not in (None, 'SUCCEEDED'))
    context = phase['contexts'][0]
    return phase['phaseType'], phase['phaseStatus'], context['statusCode'], context['message']


# ---------------------------------------------------------------------------------------------- a build that works
def test_a_build_pushes_every_tag_to_ecr(site):
    started = site.start()
    assert started['currentPhase'] == 'SUBMITTED' and started['buildStatus'] == 'IN_PROGRESS'
    assert started['buildNumber'] == 1 and started['id'].startswith(f'{PROJECT}:')
    assert started['source'] == {'type': 'S3', 'location': f'{BUCKET}/build-contexts/web/abc.zip',
                                 'buildspec': BUILDSPEC}
    assert started['environment']['privilegedMode'] is True
    build, polls = site.follow(started['id'])
    assert build['buildStatus'] == 'SUCCEEDED' and build['buildComplete'] is True
    assert phases(build) == [(p, 'SUCCEEDED') for p in (
        'SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD', 'BUILD', 'POST_BUILD',
        'UPLOAD_ARTIFACTS', 'FINALIZING')] + [('COMPLETED', None)]
    images = site.images()
    assert set(images) == {'v1', 'latest'} and images['v1'] == images['latest']
    lines = [line for _p, batch in polls for line in batch]
    assert f'v1: digest: {images["v1"]} size: ' in '\n'.join(lines)
    assert f'latest: digest: {images["v1"]} size: ' in '\n'.join(lines)
    assert f'The push refers to repository [{REGISTRY}/{REPOSITORY}]' in lines
    assert 'Login Succeeded' in lines
    manifest = json.loads(site.ecr.batch_get_image(repositoryName=REPOSITORY, imageIds=[{'imageTag': 'v1'}])[
        'images'][0]['imageManifest'])
    assert manifest['mediaType'] == 'application/vnd.docker.distribution.manifest.v2+json'
    second = site.start(tags='v2')
    assert second['buildNumber'] == 2


def test_the_digest_follows_the_context_and_the_platform(site):
    site.run(tags='one')
    site.run(tags='same', location=site.upload(key='build-contexts/web/again.zip'))
    site.run(tags='changed', location=site.upload({**CONTEXT, 'server.js': 'console.log(2)\n'}, key='c/2.zip'))
    site.run(tags='arm', platform='linux/arm64')
    images = site.images()
    assert images['one'] == images['same']
    assert images['changed'] != images['one'] and images['arm'] not in (images['one'], images['changed'])


def test_phases_advance_over_polls(site):
    build_id = site.start()['id']
    seen = [site.cb.batch_get_builds(ids=[build_id])['builds'][0] for _ in range(4)]
    assert [b['currentPhase'] for b in seen] == ['DOWNLOAD_SOURCE', 'PRE_BUILD', 'UPLOAD_ARTIFACTS', 'COMPLETED']
    assert [b['buildStatus'] for b in seen] == ['IN_PROGRESS'] * 3 + ['SUCCEEDED']
    assert [b['buildComplete'] for b in seen] == [False] * 3 + [True]
    current = seen[0]['phases'][-1]
    assert current == {'phaseType': 'DOWNLOAD_SOURCE', 'startTime': current['startTime']}  # no status until it ends
    site.aws.control('POST', '/_berth/codebuild/config', {'polls': 0})
    at_once = site.cb.batch_get_builds(ids=[site.start()['id']])['builds'][0]
    assert at_once['buildStatus'] == 'SUCCEEDED' and at_once['currentPhase'] == 'COMPLETED'


def test_log_lines_arrive_in_order_across_polls(site):
    build, polls = site.follow(site.start()['id'])
    batches = [lines for _phase, lines in polls]
    assert sum(1 for lines in batches if lines) >= 3, polls
    followed = [line for lines in batches for line in lines]
    assert followed == site.stream(build)   # every line once, in order
    assert build['logs']['groupName'] == GROUP
    assert re.fullmatch(r'codebuild/[0-9a-f-]{36}', build['logs']['streamName'])
    assert build['logs']['streamName'] == 'codebuild/' + build['id'].split(':', 1)[1]
    assert re.fullmatch(r'\[Container\] \d{4}/\d\d/\d\d \d\d:\d\d:\d\d\.\d{6} Running on CodeBuild On-demand',
                        followed[0])
    order = ['Phase is DOWNLOAD_SOURCE', 'Entering phase PRE_BUILD', 'Running command aws ecr get-login-password',
             'Login Succeeded', 'Entering phase BUILD', 'Running command args=(', '#0 building with "default"',
             'naming to ' + REGISTRY, 'Running command for tag in', 'v1: digest: sha256:',
             'Phase complete: BUILD State: SUCCEEDED', 'Phase complete: UPLOAD_ARTIFACTS State: SUCCEEDED']
    positions = [next(i for i, line in enumerate(followed) if marker in line) for marker in order]
    assert positions == sorted(positions)
    assert 'Phase context status code:  Message: ' in [line.split(' ', 3)[3] for line in followed
                                                        if line.startswith('[Container]')]


def test_a_stream_without_prefix_or_group(aws):
    site = Site(aws, logs_config={'cloudWatchLogs': {'status': 'ENABLED'}})
    build, _lines = site.run()
    assert build['logs']['groupName'] == f'/aws/codebuild/{PROJECT}'
    assert build['logs']['streamName'] == build['id'].split(':', 1)[1]
    assert site.stream(build)


def test_before_the_container_starts_the_logs_name_null(site):
    started = site.start()
    assert 'groupName' not in started['logs'] and 'streamName' not in started['logs']
    assert started['logs']['deepLink'].endswith('#logEvent:group=null;stream=null')


# ---------------------------------------------------------------------------------------------- the source
def test_a_missing_source_object_fails_download_source(site):
    build, lines = site.run(location=f'{BUCKET}/build-contexts/web/missing.zip')
    assert build['buildStatus'] == 'FAILED'
    phase, status, code, message = failed_phase(build)
    assert (phase, status, code) == ('DOWNLOAD_SOURCE', 'CLIENT_ERROR', 'CLIENT_ERROR')
    assert message.startswith('NoSuchKey: The specified key does not exist.\n\tstatus code: 404, request id: ')
    assert message.endswith(f' for primary source and source version arn:aws:s3:::{BUCKET}/build-contexts/web/'
                            'missing.zip')
    assert [p for p, _s in phases(build)][-3:] == ['DOWNLOAD_SOURCE', 'FINALIZING', 'COMPLETED']
    assert 'CLIENT_ERROR: NoSuchKey: The specified key does not exist.' in lines
    assert not any('Phase is DOWNLOAD_SOURCE' in line for line in lines)
    assert site.state()['builds'][0]['files'] is None
    build, _lines = site.run(location='no-such-bucket/context.zip')
    assert failed_phase(build)[3].startswith('NoSuchBucket: The specified bucket does not exist')


def test_a_source_that_is_no_zip_fails_download_source(site):
    location = site.upload(body=b'this is a tarball, honestly', key='build-contexts/web/bad.zip')
    build, lines = site.run(location=location)
    assert failed_phase(build) == ('DOWNLOAD_SOURCE', 'CLIENT_ERROR', 'CLIENT_ERROR',
                                   f'zip: not a valid zip file for primary source and source version '
                                   f'arn:aws:s3:::{location}')
    assert site.images() == {}


def test_a_buildspec_file_the_source_lacks(site):
    build, lines = site.run(buildspecOverride='buildspec.yml')
    phase, status, code, message = failed_phase(build)
    assert (phase, status, code) == ('DOWNLOAD_SOURCE', 'CLIENT_ERROR', 'YAML_FILE_ERROR')
    assert re.fullmatch(r'stat /codebuild/output/src\d+/src/buildspec.yml: no such file or directory', message)
    assert any(line.endswith(f'Phase context status code: YAML_FILE_ERROR Message: {message}') for line in lines)
    with_file = site.upload({**CONTEXT, 'buildspec.yml': BUILDSPEC}, key='c/spec.zip')
    assert site.run(location=with_file, buildspecOverride='buildspec.yml')[0]['buildStatus'] == 'SUCCEEDED'


def test_the_state_lists_what_the_archive_held(site):
    build, _lines = site.run()
    [summary] = site.state()['builds']
    assert summary['id'] == build['id'] and summary['project'] == PROJECT and summary['status'] == 'SUCCEEDED'
    assert summary['files'] == sorted(CONTEXT)
    assert summary['sourceLocation'] == f'{BUCKET}/build-contexts/web/abc.zip'
    assert summary['environment']['BERTH_IMAGE_TAGS'] == 'v1 latest'
    assert [v['name'] for v in summary['environmentVariablesOverride']][:2] == ['BERTH_IMAGE_REPOSITORY',
                                                                                'BERTH_IMAGE_TAGS']
    assert summary['privilegedMode'] is True and summary['environmentType'] == 'LINUX_CONTAINER'
    assert {(i['tag'], i['digest']) for i in summary['images']} == {(t, d) for t, d in site.images().items()}
    assert summary['logs'] == {'groupName': GROUP, 'streamName': build['logs']['streamName']}
    assert summary['archive']['bytes'] > 0 and summary['failure'] is None


# ---------------------------------------------------------------------------------------------- docker's failures
def assert_build_failed(build, lines, docker_says):
    assert build['buildStatus'] == 'FAILED'
    phase, status, code, message = failed_phase(build)
    assert (phase, status, code) == ('BUILD', 'FAILED', 'COMMAND_EXECUTION_ERROR')
    assert message.startswith('Error while executing command: ') and message.endswith('. Reason: exit status 1')
    assert docker_says in lines
    assert any(line.endswith(' Phase complete: BUILD State: FAILED') for line in lines)
    # "The UPLOAD_ARTIFACTS phase is always attempted, even if the BUILD phase fails."
    assert [p for p, _s in phases(build)][-5:] == ['BUILD', 'POST_BUILD', 'UPLOAD_ARTIFACTS', 'FINALIZING',
                                                   'COMPLETED']


def test_a_missing_dockerfile_fails_the_build(site):
    build, lines = site.run(location=site.upload({'server.js': '1'}))
    assert_build_failed(build, lines, 'ERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such '
                                      'file or directory')
    build, lines = site.run(dockerfile='docker/web.Dockerfile')
    assert_build_failed(build, lines, 'ERROR: failed to solve: failed to read dockerfile: open web.Dockerfile: no '
                                      'such file or directory')
    nested = site.upload({'docker/web.Dockerfile': 'FROM nginx:1.27\n', 'index.html': 'hi'}, key='c/nested.zip')
    assert site.run(location=nested, dockerfile='docker/web.Dockerfile')[0]['buildStatus'] == 'SUCCEEDED'
    assert set(site.images()) == {'v1', 'latest'}


def test_without_privileged_mode_docker_has_no_daemon(aws):
    site = Site(aws, privileged=False)
    build, lines = site.run()
    assert_build_failed(build, lines, 'ERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. '
                                      'Is the docker daemon running?')
    assert ('PRE_BUILD', 'SUCCEEDED') in phases(build)   # docker login falls back to a client-side login
    assert site.images() == {}
    build, _lines = site.run(privilegedModeOverride=True)
    assert build['buildStatus'] == 'SUCCEEDED'


def test_a_missing_repository_fails_the_push(aws):
    site = Site(aws, repository=False)
    build, lines = site.run()
    assert_build_failed(build, lines, "name unknown: The repository with name 'site/web' does not exist in the "
                                      "registry with id '123456789012'")
    assert 'Running command for tag in $BERTH_IMAGE_TAGS; do docker push "$BERTH_IMAGE_REPOSITORY:$tag"; done' in \
        [line.split(' ', 3)[3] for line in lines if line.startswith('[Container]')]


def test_the_target_stage_must_exist(site):
    build, lines = site.run(target='production')
    assert_build_failed(build, lines, 'ERROR: failed to solve: target stage "production" could not be found')
    upper = site.upload({**CONTEXT, 'Dockerfile': 'FROM node:22 AS Build\nRUN npm ci\nFROM nginx:1.27 AS Runtime\n'
                                                  'COPY --from=build /out /usr/share/nginx/html\n'}, key='c/t.zip')
    assert site.run(location=upper, target='runtime')[0]['buildStatus'] == 'SUCCEEDED'   # stage names: any case


def test_a_copy_of_a_file_the_context_lacks_fails(site):
    location = site.upload({**CONTEXT, 'Dockerfile': 'FROM alpine:3.20\nCOPY server.js secret.txt /app/\n'},
                           key='c/copy.zip')
    build, lines = site.run(location=location)
    assert build['buildStatus'] == 'FAILED'
    assert any(re.fullmatch(r'ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of '
                            r'ref [0-9a-f]+::[0-9a-f]+: "/secret.txt": not found', line) for line in lines), lines


def test_an_arm64_image_builds_on_an_arm_environment(site):
    build, _lines = site.run(platform='linux/arm64')
    assert build['buildStatus'] == 'SUCCEEDED'
    assert build['environment']['type'] == 'ARM_CONTAINER'
    assert build['environment']['image'] == 'aws/codebuild/amazonlinux2-aarch64-standard:3.0'
    # The same platform on the project's x86-64 environment: RUN cannot execute arm64 binaries.
    build, lines = site.run(platform='linux/arm64', environmentTypeOverride='LINUX_CONTAINER',
                            imageOverride='aws/codebuild/amazonlinux2-x86_64-standard:5.0')
    assert_build_failed(build, lines, 'ERROR: failed to solve: process "/bin/sh -c apk add --no-cache nodejs" did '
                                      'not complete successfully: exit code: 1')


def test_bad_tags_are_refused_by_docker(site):
    build, lines = site.run(tags='v1 Bad:Tag')
    assert build['buildStatus'] == 'FAILED'
    assert f'ERROR: invalid tag "{REGISTRY}/{REPOSITORY}:Bad:Tag": invalid reference format' in lines


# ---------------------------------------------------------------------------------------------- the API
def test_start_build_needs_the_project(aws):
    problem = error(lambda: aws.client('codebuild').start_build(projectName='nope'))
    assert problem['Code'] == 'ResourceNotFoundException'
    assert problem['Message'] == 'Project cannot be found: arn:aws:codebuild:us-east-1:123456789012:project/nope'


def test_the_idempotency_token(site):
    location = site.upload()
    first = site.start(location=location, token='abc')
    again = site.start(location=location, token='abc')
    assert again['id'] == first['id'] and len(site.state()['builds']) == 1
    problem = error(lambda: site.start(location=location, token='abc', tags='other'))
    assert problem['Code'] == 'InvalidInputException'
    assert site.start(location=location, token='def')['id'] != first['id']


def test_batch_get_builds_lists_unknown_ids(site):
    build_id = site.start()['id']
    answer = site.cb.batch_get_builds(ids=[build_id, f'{PROJECT}:00000000-0000-0000-0000-000000000000'])
    assert [b['id'] for b in answer['builds']] == [build_id]
    assert answer['buildsNotFound'] == [f'{PROJECT}:00000000-0000-0000-0000-000000000000']
    assert site.cb.list_builds_for_project(projectName=PROJECT)['ids'] == [build_id]


def test_stop_build(site):
    build_id = site.start()['id']
    site.cb.batch_get_builds(ids=[build_id])
    stopped = site.cb.stop_build(id=build_id)['build']
    assert stopped['buildStatus'] == 'STOPPED' and stopped['buildComplete'] is True
    assert phases(stopped)[-3:] == [('DOWNLOAD_SOURCE', 'STOPPED'), ('FINALIZING', 'SUCCEEDED'), ('COMPLETED', None)]


def test_a_no_source_project_and_a_name_starting_with_a_digit(aws):
    cb, iam = aws.client('codebuild'), aws.client('iam')
    role = iam.create_role(RoleName='r', AssumeRolePolicyDocument='{}')['Role']['Arn']
    project = cb.create_project(name='1site-dev-images', source={'type': 'NO_SOURCE', 'buildspec': BUILDSPEC},
                                artifacts={'type': 'NO_ARTIFACTS'}, serviceRole=role,
                                environment={'type': 'LINUX_CONTAINER', 'computeType': 'BUILD_GENERAL1_SMALL',
                                             'image': 'aws/codebuild/amazonlinux2-x86_64-standard:5.0'})['project']
    assert project['timeoutInMinutes'] == 60 and project['queuedTimeoutInMinutes'] == 480


def test_the_control_api(aws):
    assert aws.control('POST', '/_berth/codebuild/config', {'polls': 5})['polls'] == 5
    assert aws.control('GET', '/_berth/codebuild/state') == {'polls': 5, 'builds': []}
    with pytest.raises(Exception) as e:
        aws.control('POST', '/_berth/codebuild/config', {'polls': -1})
    assert '400' in str(e.value)
    assert aws.control('POST', '/_berth/codebuild/config', {'polls': 3})['polls'] == 3


# ---------------------------------------------------------------------------------------------- CloudFormation
def template(timeout=30, name='site-dev-images'):
    return {
        'Resources': {
            'LogGroup': {'Type': 'AWS::Logs::LogGroup',
                         'Properties': {'LogGroupName': GROUP, 'RetentionInDays': 30}},
            'BuildKey': {'Type': 'AWS::KMS::Key', 'Properties': {'EnableKeyRotation': True, 'KeyPolicy': {
                'Version': '2012-10-17', 'Statement': [{
                    'Effect': 'Allow', 'Action': 'kms:*', 'Resource': '*',
                    'Principal': {'AWS': {'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root'}}}]}}},
            'ImageBuildRole': {'Type': 'AWS::IAM::Role', 'Properties': {'AssumeRolePolicyDocument': {
                'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 'sts:AssumeRole',
                                                        'Principal': {'Service': 'codebuild.amazonaws.com'}}]}}},
            'ImageBuilder': {'Type': 'AWS::CodeBuild::Project', 'Properties': {
                'Name': name, 'Description': 'site-dev: berth push --remote',
                'ServiceRole': {'Fn::GetAtt': ['ImageBuildRole', 'Arn']},
                'Source': {'Type': 'NO_SOURCE', 'BuildSpec': BUILDSPEC}, 'Artifacts': {'Type': 'NO_ARTIFACTS'},
                'Environment': {'Type': 'LINUX_CONTAINER', 'Image': 'aws/codebuild/amazonlinux2-x86_64-standard:5.0',
                                'ComputeType': 'BUILD_GENERAL1_SMALL', 'PrivilegedMode': True},
                'LogsConfig': {'CloudWatchLogs': {'Status': 'ENABLED', 'GroupName': {'Ref': 'LogGroup'},
                                                  'StreamName': 'codebuild'}},
                'TimeoutInMinutes': timeout, 'EncryptionKey': {'Fn::GetAtt': ['BuildKey', 'Arn']},
                'Tags': [{'Key': 'berth:project', 'Value': 'site'}]}},
        },
        'Outputs': {'Project': {'Value': {'Ref': 'ImageBuilder'}},
                    'ProjectArn': {'Value': {'Fn::GetAtt': ['ImageBuilder', 'Arn']}}},
    }


def settle(cfn, stack):
    for _ in range(20):
        answer = cfn.describe_stacks(StackName=stack)['Stacks'][0]
        if not answer['StackStatus'].endswith('_IN_PROGRESS'):
            return answer
    raise AssertionError(answer)


def test_cloudformation_creates_updates_and_deletes_the_project(aws):
    cfn, cb = aws.client('cloudformation'), aws.client('codebuild')
    stack_id = cfn.create_stack(StackName='site-dev', TemplateBody=json.dumps(template()),
                                Capabilities=['CAPABILITY_IAM'])['StackId']
    stack = settle(cfn, 'site-dev')
    assert stack['StackStatus'] == 'CREATE_COMPLETE', stack.get('StackStatusReason')
    outputs = {o['OutputKey']: o['OutputValue'] for o in stack['Outputs']}
    assert outputs == {'Project': PROJECT,
                       'ProjectArn': f'arn:aws:codebuild:us-east-1:123456789012:project/{PROJECT}'}
    [project] = cb.batch_get_projects(names=[PROJECT])['projects']
    assert project['source'] == {'type': 'NO_SOURCE', 'buildspec': BUILDSPEC}
    assert project['environment']['privilegedMode'] is True and project['timeoutInMinutes'] == 30
    assert project['logsConfig']['cloudWatchLogs'] == {'status': 'ENABLED', 'groupName': GROUP,
                                                       'streamName': 'codebuild'}
    assert project['encryptionKey'].startswith('arn:aws:kms:us-east-1:123456789012:key/')
    assert project['serviceRole'].startswith('arn:aws:iam::123456789012:role/site-dev-ImageBuildRole')
    assert project['tags'] == [{'key': 'berth:project', 'value': 'site'}]
    resources = cfn.describe_stack_resources(StackName='site-dev')['StackResources']
    assert {r['LogicalResourceId']: r['PhysicalResourceId'] for r in resources}['ImageBuilder'] == PROJECT

    # The stack's project builds (the log group is the stack's).
    aws.client('s3').create_bucket(Bucket=BUCKET)
    aws.client('ecr').create_repository(repositoryName=REPOSITORY)
    site = Site.__new__(Site)
    site.aws, site.cb, site.s3, site.ecr, site.logs = aws, cb, aws.client('s3'), aws.client('ecr'), aws.client('logs')
    aws.control('POST', '/_berth/codebuild/config', {'polls': 3})
    build, _lines = site.run()
    assert build['buildStatus'] == 'SUCCEEDED' and build['logs']['groupName'] == GROUP

    cfn.update_stack(StackName='site-dev', TemplateBody=json.dumps(template(timeout=45)),
                     Capabilities=['CAPABILITY_IAM'])
    assert settle(cfn, 'site-dev')['StackStatus'] == 'UPDATE_COMPLETE'
    [project] = cb.batch_get_projects(names=[PROJECT])['projects']
    assert project['timeoutInMinutes'] == 45
    assert cb.list_builds_for_project(projectName=PROJECT)['ids'] == [build['id']]   # updated in place

    # Name is create-only: a new name replaces the project.
    cfn.update_stack(StackName='site-dev', TemplateBody=json.dumps(template(timeout=45, name='site-dev-builds')),
                     Capabilities=['CAPABILITY_IAM'])
    assert settle(cfn, 'site-dev')['StackStatus'] == 'UPDATE_COMPLETE'
    assert cb.list_projects()['projects'] == ['site-dev-builds']

    cfn.delete_stack(StackName='site-dev')
    assert settle(cfn, stack_id)['StackStatus'] == 'DELETE_COMPLETE'
    assert cb.list_projects()['projects'] == []
    assert error(lambda: cb.start_build(projectName=PROJECT))['Code'] == 'ResourceNotFoundException'


def test_cloudformation_refuses_a_project_that_exists(aws):
    cfn = aws.client('cloudformation')
    cfn.create_stack(StackName='one', TemplateBody=json.dumps(template()), Capabilities=['CAPABILITY_IAM'])
    assert settle(cfn, 'one')['StackStatus'] == 'CREATE_COMPLETE'
    second = template()
    second['Resources']['LogGroup']['Properties']['LogGroupName'] = '/berth/site/other'
    cfn.create_stack(StackName='two', TemplateBody=json.dumps(second), Capabilities=['CAPABILITY_IAM'])
    stack = settle(cfn, 'two')
    assert stack['StackStatus'] == 'ROLLBACK_COMPLETE'
    events = cfn.describe_stack_events(StackName='two')['StackEvents']
    failed = next(e for e in events if e['ResourceStatus'] == 'CREATE_FAILED')
    assert failed['LogicalResourceId'] == 'ImageBuilder'
    assert failed['ResourceStatusReason'] == f'Project already exists: arn:aws:codebuild:us-east-1:123456789012:' \
                                             f'project/{PROJECT}'
