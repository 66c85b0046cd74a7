"""What the docker commands of Berth's image buildspec do inside a CodeBuild build, emulated without a Docker engine
(patch 'codebuild' runs them; docs/codebuild.md says what each follows and its limits).

    docker login   always succeeds for an ECR registry (the role's own token); another registry refuses it
    docker build   reads BERTH_DOCKERFILE, BERTH_PLATFORM, BERTH_TARGET, BERTH_BUILD_ARGS, BERTH_IMAGE_REPOSITORY and
                   BERTH_IMAGE_TAGS; checks what docker (BuildKit) checks and prints what it prints
    docker push    puts the built image's manifest into moto's ECR under the tag, as a push records it

An image's digest comes from the context's files (names and bytes), the Dockerfile, the platform, the target and the
build args: the same context builds the same digest, a changed file a new one.
"""
import fnmatch
import hashlib
import json
import posixpath
import re

DAEMON = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'
INSTRUCTIONS = frozenset('ADD ARG CMD COPY ENTRYPOINT ENV EXPOSE FROM HEALTHCHECK LABEL MAINTAINER ONBUILD RUN SHELL '
                         'STOPSIGNAL USER VOLUME WORKDIR'.split())
ECR_HOST = re.compile(r'^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$')
# distribution/reference: a tag is [\w][\w.-]{0,127}; path components are lowercase alphanumerics and separators.
TAG = re.compile(r'^[\w][\w.-]{0,127}$')
PATH_COMPONENT = re.compile(r'^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$')
HEREDOC = re.compile(r'<<(-?)(["\']?)([A-Za-z_][A-Za-z0-9_]*)\2')
VARIABLE = re.compile(r'\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))')
MANIFEST_TYPE = 'application/vnd.docker.distribution.manifest.v2+json'
CONFIG_TYPE = 'application/vnd.docker.container.image.v1+json'
LAYER_TYPE = 'application/vnd.docker.image.rootfs.diff.tar.gzip'
LOGIN_OUTPUT = ['WARNING! Your password will be stored unencrypted in /root/.docker/config.json.',
                'Configure a credential helper to remove this warning. See',
                'https://docs.docker.com/engine/reference/commandline/login/#credentials-store', '',
                'Login Succeeded']


def sha256(data):
    return hashlib.sha256(data if isinstance(data, bytes) else data.encode()).hexdigest()


def parse_dockerfile(text):
    """The Dockerfile's instructions as (line number, INSTRUCTION, arguments): comments and blank lines dropped,
    continuation lines (a trailing backslash) joined, heredoc bodies (`RUN <<EOF ... EOF`) skipped. Raises
    ValueError with BuildKit's text for an unknown instruction."""
    lines, out, i = text.splitlines(), [], 0
    while i < len(lines):
        start, raw = i + 1, lines[i]
        i += 1
        if not raw.strip() or raw.strip().startswith('#'):
            continue
        parts = [raw.rstrip()]
        while parts[-1].endswith('\\'):
            parts[-1] = parts[-1][:-1]
            while i < len(lines) and lines[i].strip().startswith('#'):
                i += 1  # comment lines inside a continued instruction are dropped
            if i >= len(lines):
                break
            parts.append(lines[i].rstrip())
            i += 1
        joined = ' '.join(p.strip() for p in parts if p.strip())
        keyword, _, args = joined.partition(' ')
        if keyword.upper() not in INSTRUCTIONS:
            raise ValueError(f'dockerfile parse error on line {start}: unknown instruction: {keyword}')
        for match in HEREDOC.finditer(args if keyword.upper() in ('RUN', 'COPY', 'ADD') else ''):
            strip, delimiter = match.group(1), match.group(3)
            while i < len(lines) and (lines[i].strip() if strip else lines[i]) != delimiter:
                i += 1
            i += 1
        out.append((start, keyword.upper(), args.strip()))
    return out


def substitute(text, values):
    """$NAME / ${NAME} / ${NAME:-default} replaced from `values` (build args and ARG defaults); unknown ones empty."""
    def value(match):
        name = match.group(1) or match.group(2)
        if name in values:
            return values[name]
        default = re.match(r'\$\{[^:}-]+:?-([^}]*)\}', match.group(0))
        return default.group(1) if default else ''
    return VARIABLE.sub(value, text)


def split_flags(args):
    """(--flags, the rest) of an instruction's arguments."""
    words = args.split()
    flags = []
    while words and words[0].startswith('--'):
        flags.append(words.pop(0))
    return flags, words


def normalized_image(name):
    """An image reference as BuildKit prints it: docker.io/library/alpine:latest."""
    if '@' not in name and ':' not in name.rsplit('/', 1)[-1]:
        name += ':latest'
    first = name.split('/', 1)[0]
    if '/' not in name:
        return f'docker.io/library/{name}'
    if '.' not in first and ':' not in first and first != 'localhost':
        return f'docker.io/{name}'
    return name


class Stage:
    def __init__(self, index, image, name, platform_flag):
        self.index, self.image, self.name, self.platform_flag = index, image, name, platform_flag
        self.instructions = []   # (line, INSTRUCTION, args) after the FROM

    @property
    def label(self):
        return self.name or f'stage-{self.index}'


def stages_of(instructions, build_args):
    """The build stages: FROM image [AS name], with the instructions that follow each. ARGs before the first FROM
    (with the build args over their defaults) are substituted in FROM lines, as docker does."""
    stages, global_args = [], {}
    for line, keyword, args in instructions:
        if keyword == 'FROM':
            flags, words = split_flags(args)
            image = substitute(words[0], global_args) if words else ''
            name = words[2].lower() if len(words) >= 3 and words[1].lower() == 'as' else None
            platform = next((f.split('=', 1)[1] for f in flags if f.startswith('--platform=')), None)
            stages.append(Stage(len(stages), image, name, platform))
        elif not stages:
            if keyword == 'ARG':
                for word in args.split():
                    key, _, default = word.partition('=')
                    global_args[key] = build_args.get(key, default)
        else:
            stages[-1].instructions.append((line, keyword, args))
    return stages


class Image:
    """An image `docker build` made: its manifest (docker v2 schema 2, as docker pushes it), digests and sizes."""

    def __init__(self, identity, architecture, stage, size):
        config = {'architecture': architecture, 'os': 'linux', 'config': {},
                  'rootfs': {'type': 'layers', 'diff_ids': ['sha256:' + sha256('diff:' + identity)]}}
        for _line, keyword, args in stage.instructions:
            if keyword == 'EXPOSE':
                for port in args.split():
                    config['config'].setdefault('ExposedPorts', {})[port if '/' in port else f'{port}/tcp'] = {}
            elif keyword == 'USER':
                config['config']['User'] = args
            elif keyword == 'WORKDIR':
                config['config']['WorkingDir'] = args
        config_bytes = json.dumps(config, sort_keys=True, separators=(',', ':')).encode()
        self.config_digest = 'sha256:' + sha256(config_bytes)
        self.layer_digest = 'sha256:' + sha256('layer:' + identity)
        self.layer_size = size
        self.manifest = json.dumps({
            'schemaVersion': 2, 'mediaType': MANIFEST_TYPE,
            'config': {'mediaType': CONFIG_TYPE, 'size': len(config_bytes), 'digest': self.config_digest},
            'layers': [{'mediaType': LAYER_TYPE, 'size': size, 'digest': self.layer_digest}]}, indent=3)
        self.digest = 'sha256:' + sha256(self.manifest)
        self.size = len(self.manifest.encode())


class Docker:
    """The Docker engine of one build: what `docker build` made, what was pushed. `out` receives output lines."""

    def __init__(self, files, env, privileged, architecture, ecr_backends, ecr_exceptions, random_hex):
        self.files, self.env, self.privileged, self.architecture = files, env, privileged, architecture
        self.ecr_backends, self.ecr_exceptions, self.random_hex = ecr_backends, ecr_exceptions, random_hex
        self.images = {}             # repository:tag -> Image
        self.pushed_layers = set()   # (registry, layer digest)
        self.pushes = []             # {"repository", "tag", "digest", "size"} of each push that succeeded

    # ------------------------------------------------------------------ docker login
    def login(self, out):
        """`aws ecr get-login-password | docker login --password-stdin <registry of BERTH_IMAGE_REPOSITORY>`. With
        no daemon the CLI logs in client-side, so this succeeds unprivileged too. An ECR token is no password for
        another registry."""
        host = self.env.get('BERTH_IMAGE_REPOSITORY', '').split('/', 1)[0]
        if not ECR_HOST.match(host):
            out(f'Error response from daemon: login attempt to https://{host}/v2/ failed with status: 401 Unauthorized'
                if host else 'Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: '
                             'incorrect username or password')
            return 1
        for line in LOGIN_OUTPUT:
            out(line)
        return 0

    # ------------------------------------------------------------------ docker build
    def build(self, out):
        """`docker build --platform $BERTH_PLATFORM --file $BERTH_DOCKERFILE [--target $BERTH_TARGET]
        [--build-arg ...] --tag $BERTH_IMAGE_REPOSITORY:<tag>... .` as BuildKit runs it. Returns the exit status."""
        env = self.env
        repository = env.get('BERTH_IMAGE_REPOSITORY', '')
        references = [f'{repository}:{tag}' for tag in env.get('BERTH_IMAGE_TAGS', '').split()]
        for reference in references:
            problem = reference_problem(reference)
            if problem:
                out(f'ERROR: invalid tag "{reference}": {problem}')
                return 1
        if not self.privileged:
            out(f'ERROR: {DAEMON}')
            return 1
        dockerfile = posixpath.normpath((env.get('BERTH_DOCKERFILE') or 'Dockerfile').lstrip('/'))
        name = posixpath.basename(dockerfile)
        platform = env.get('BERTH_PLATFORM') or f'linux/{self.architecture}'
        architecture = platform.split('/')[1] if '/' in platform else platform
        target = (env.get('BERTH_TARGET') or '').strip()
        build_args = dict(line.split('=', 1) if '=' in line else (line, '')
                          for line in env.get('BERTH_BUILD_ARGS', '').splitlines() if line.strip())
        step = Steps(out)
        out(f'#0 building with "default" instance using docker driver')
        out('')
        text = self.files.get(dockerfile)
        with step(f'[internal] load build definition from {name}'):
            out(f'{step.n} transferring dockerfile: {len(text or b"") or 2}B done')
        if text is None:
            out(f'ERROR: failed to solve: failed to read dockerfile: open {name}: no such file or directory')
            return 1
        try:
            instructions = parse_dockerfile(text.decode('utf-8-sig', 'replace'))
        except ValueError as e:
            out(f'ERROR: failed to solve: {e}')
            return 1
        if not instructions:
            out('ERROR: failed to solve: file with no instructions')
            return 1
        stages = stages_of(instructions, build_args)
        if not stages:
            out('ERROR: failed to solve: no build stage in current context')
            return 1
        chosen = len(stages) - 1
        if target:
            chosen = next((s.index for s in stages if s.name == target.lower()), None)
            if chosen is None:
                out(f'ERROR: failed to solve: target stage "{target}" could not be found')
                return 1
        built = stages[:chosen + 1]
        names = {s.name for s in stages if s.name}
        for image in dict.fromkeys(s.image for s in built if s.image.lower() not in names and s.image != 'scratch'):
            with step(f'[internal] load metadata for {normalized_image(image)}'):
                pass
        with step('[internal] load .dockerignore'):
            out(f'{step.n} transferring context: {len(self.files.get(".dockerignore", b"")) or 2}B done')
        context_size = sum(len(v) for v in self.files.values())
        with step('[internal] load build context'):
            out(f'{step.n} transferring context: {human_size(context_size)} done')
        for stage in built:
            total = 1 + sum(1 for _l, k, _a in stage.instructions if k in ('RUN', 'COPY', 'ADD', 'WORKDIR'))
            if stage.image.lower() not in names and stage.image != 'scratch':
                with step(f'[{stage.label} 1/{total}] FROM {normalized_image(stage.image)}'
                          f'@sha256:{sha256("base:" + stage.image)}'):
                    pass
            position = 1
            for _line, keyword, args in stage.instructions:
                if keyword not in ('RUN', 'COPY', 'ADD', 'WORKDIR'):
                    continue
                position += 1
                title = f'[{stage.label} {position}/{total}] {keyword} {args}'
                if keyword in ('COPY', 'ADD'):
                    missing = self.missing_source(args)
                    if missing:
                        ref = self.random_hex(25)
                        out(f'{step.next()} {title}')
                        message = f'failed to calculate checksum of ref {ref}::{self.random_hex(25)}: "/{missing}": ' \
                                  'not found'
                        out(f'{step.n} ERROR: {message}')
                        out(f'ERROR: failed to solve: failed to compute cache key: {message}')
                        return 1
                if keyword == 'RUN' and architecture != self.architecture and not stage.platform_flag:
                    # No emulator (binfmt/QEMU) runs foreign binaries in the build container.
                    command = args[1:-1] if args.startswith('[') else f'/bin/sh -c {args}'
                    out(f'{step.next()} {title}')
                    out(f'{step.n} 0.112 exec /bin/sh: exec format error')
                    out(f'{step.n} ERROR: process "{command}" did not complete successfully: exit code: 1')
                    out(f'ERROR: failed to solve: process "{command}" did not complete successfully: exit code: 1')
                    return 1
                with step(title):
                    pass
        identity = sha256('\n'.join([
            content_digest(self.files), platform, dockerfile, sha256(text), target.lower(),
            json.dumps(build_args, sort_keys=True)]))
        image = Image(identity, architecture, built[-1], max(context_size, 1) + 1024)
        with step('exporting to image'):
            out(f'{step.n} exporting layers 0.2s done')
            out(f'{step.n} writing image {image.config_digest} done')
            for reference in references:
                out(f'{step.n} naming to {reference} done')
        for reference in references:
            self.images[reference] = image
        return 0

    def missing_source(self, args):
        """The first source of a COPY/ADD (from the build context) that the context lacks, or None."""
        flags, words = split_flags(args)
        if any(f.startswith('--from=') for f in flags) or '<<' in args:
            return None
        rest = ' '.join(words)
        if rest.startswith('['):
            try:
                words = [str(w) for w in json.loads(rest)]
            except ValueError:
                return None
        paths = set(self.files)
        directories = {posixpath.dirname(p) for p in paths}
        for d in list(directories):
            while d:
                d = posixpath.dirname(d)
                directories.add(d)
        for source in words[:-1]:
            if '$' in source or '://' in source or source.startswith('git@'):
                continue
            clean = posixpath.normpath(source.lstrip('/'))
            if clean in ('.', ''):
                continue
            if clean in paths or clean in directories:
                continue
            if any(ch in clean for ch in '*?[') and any(fnmatch.fnmatchcase(p, clean) for p in paths | directories):
                continue
            return clean
        return None

    # ------------------------------------------------------------------ docker push
    def push(self, out, reference, region):
        """`docker push <repository>:<tag>`: the manifest goes into moto's ECR (its digest as ECR computes it, the
        sha256 of the manifest), docker's lines are printed. Returns the exit status."""
        repository, _, tag = reference.rpartition(':')
        image = self.images.get(reference)
        if image is None:
            out(f'An image does not exist locally with the tag: {repository}')
            return 1
        if not self.privileged:
            out(DAEMON)
            return 1
        host, _, name = repository.partition('/')
        short = image.layer_digest[7:19]
        out(f'The push refers to repository [{repository}]')
        out(f'{short}: Preparing')
        match = ECR_HOST.match(host)
        if not match:
            out('denied: requested access to the resource is denied')
            return 1
        account, registry_region = match.group(1), match.group(2)
        backend = self.ecr_backends[account][registry_region or region]
        repo = backend.repositories.get(name)
        if repo is None:
            out(f"name unknown: The repository with name '{name}' does not exist in the registry with id '{account}'")
            return 1
        holder = next((i for i in repo.images if tag in i.image_tags), None)
        if holder is not None and holder.image_digest != image.digest and repo.is_tag_immutable():
            out(f"tag invalid: The image tag '{tag}' already exists in the '{name}' repository and cannot be "
                'overwritten because the repository is immutable.')
            return 1
        layer_known = (host, image.layer_digest) in self.pushed_layers or any(
            image.layer_digest in i.image_manifest for i in repo.images)
        out(f'{short}: {"Layer already exists" if layer_known else "Pushed"}')
        if holder is None or holder.image_digest != image.digest:
            try:
                backend.put_image(repository_name=name, image_manifest=image.manifest, image_tag=tag,
                                  image_manifest_mediatype=MANIFEST_TYPE, digest=image.digest)
            except self.ecr_exceptions.ImageAlreadyExistsException:
                pass  # the same manifest under the same tag: nothing changes, as with a repeated push
        self.pushed_layers.add((host, image.layer_digest))
        out(f'{tag}: digest: {image.digest} size: {image.size}')
        self.pushes.append({'repository': repository, 'tag': tag, 'digest': image.digest, 'size': image.size})
        return 0


class Steps:
    """BuildKit's plain progress output: `#N <name>` ... `#N DONE 0.1s`."""

    def __init__(self, out):
        self.out, self.count = out, 0

    @property
    def n(self):
        return f'#{self.count}'

    def next(self):
        self.count += 1
        return self.n

    def __call__(self, title):
        steps = self

        class Step:
            def __enter__(self):
                steps.out(f'{steps.next()} {title}')

            def __exit__(self, kind, *_):
                if kind is None:
                    steps.out(f'{steps.n} DONE 0.1s')
                    steps.out('')
        return Step()


def reference_problem(reference):
    """Why docker refuses `repository:tag` as a --tag, or None."""
    repository, _, tag = reference.rpartition(':')
    if not repository or not TAG.match(tag):
        return 'invalid reference format'
    host, _, path = repository.partition('/')
    components = path.split('/') if ('.' in host or ':' in host or host == 'localhost') and path else \
        repository.split('/')
    for component in components:
        if not PATH_COMPONENT.match(component):
            if component.lower() != component and PATH_COMPONENT.match(component.lower()):
                return 'invalid reference format: repository name must be lowercase'
            return 'invalid reference format'
    return None


def content_digest(files):
    """The build context's identity: every file's name and bytes, in name order."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b'\0' + hashlib.sha256(files[name]).digest())
    return h.hexdigest()


def human_size(size):
    return f'{size}B' if size < 1000 else f'{size / 1000:.2f}kB' if size < 1_000_000 else f'{size / 1e6:.2f}MB'
