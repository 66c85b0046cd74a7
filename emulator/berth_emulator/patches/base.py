"""What every patch of moto is: a named set of wrapped moto methods, its test switches, and a
piece of the control API (`/_berth/<prefix>/<action>`)."""
import inspect
import threading



def adopt_cloudformation_model(patch_name, type_name, model):
    """Makes moto's CloudFormation build `type_name` resources with `model`, a CloudFormationModel subclass of the
    patch's. moto finds its models as CloudFormationModel.__subclasses__(), through lru_caches: the patch's class
    (defined when its module was imported) joins them once the caches are cleared. A moto that models the type
    itself stops the emulator, so that its model is compared with the patch's before either is used."""
    from moto.cloudformation import parsing
    require(patch_name, parsing, 'get_model_list', 'get_model_map', 'get_name_type_map', 'resource_class_from_type')
    caches = (parsing.get_model_list, parsing.get_model_map, parsing.get_name_type_map)
    for cached in caches:
        if not hasattr(cached, 'cache_clear'):
            raise PatchError(f'{patch_name}: moto.cloudformation.parsing.{cached.__name__} is no longer an lru_cache')
    existing = parsing.resource_class_from_type(type_name)
    if existing is not None and existing is not model:
        raise PatchError(f'{patch_name}: moto now models {type_name}; check it against this patch')
    for cached in caches:
        cached.cache_clear()
    if parsing.resource_class_from_type(type_name) is not model:
        raise PatchError(f'{patch_name}: moto does not take {type_name} from {model.__name__}')

class PatchError(Exception):
    """The moto internals a patch relies on are not what it was written against."""


def require(patch_name, owner, *names, params=()):
    """Fails loudly, naming what moved, when `owner` lacks an attribute or a method lacks a parameter.

    `params` is a list of (method name, [parameter names]) pairs. A moto whose internals moved
    must stop the emulator at start-up, never run half-patched."""
    label = getattr(owner, '__qualname__', getattr(owner, '__name__', type(owner).__name__))
    problems = [f'{label}.{n} is missing' for n in names if not hasattr(owner, n)]
    for method, wanted in params:
        func = getattr(owner, method, None)
        if func is None:
            problems.append(f'{label}.{method} is missing')
            continue
        have = inspect.signature(func).parameters
        missing = [p for p in wanted if p not in have]
        if missing:
            problems.append(f'{label}.{method}() has no parameter(s) {", ".join(missing)}')
    if problems:
        raise PatchError(f'{patch_name}: ' + '; '.join(problems))


def wrap(owner, name, new):
    """Installs `new` as owner.name; `new` receives the original function as its first argument."""
    old = getattr(owner, name)

    def patched(*args, **kwargs):
        return new(old, *args, **kwargs)
    patched.__name__, patched.__qualname__, patched.__wrapped__ = name, f'{owner.__name__}.{name}', old
    setattr(owner, name, patched)


class Patch:
    """One area of AWS behaviour. Subclasses set `name` and `prefix` and override what they need."""
    name = ''
    prefix = ''   # control API: /_berth/<prefix>/<action>

    def __init__(self, settings):
        self.settings = settings
        # The moto server is threaded: every switch and every patched path takes this lock.
        self.lock = threading.RLock()

    def install(self):
        """Checks moto's internals (raising PatchError) and wraps its methods."""
        raise NotImplementedError

    def warm_up(self):
        """Loads anything slow (rule sets, schemas) before the front reports READY."""

    def reset(self):
        """Forgets armed switches; called on moto's POST /moto-api/reset and POST /_berth/reset."""

    def state(self):
        """What /_berth/state shows for this patch (settings and armed switches)."""
        return {}

    def configure_polls(self, body, setting):
        """POST <prefix>/config {"polls": N}: how many polls a change takes from now on, kept in settings.<setting>."""
        polls = body.get('polls')
        if isinstance(polls, bool) or not isinstance(polls, int) or polls < 0:
            return 400, {'error': 'polls must be an integer >= 0'}
        with self.lock:
            setattr(self.settings, setting, polls)
        return 200, self.state()

    def control(self, method, action, body):
        """Handles POST/GET /_berth/<prefix>/<action> with a JSON object body; returns (status, dict)."""
        return 404, {'error': f'no such endpoint: {method} /_berth/{self.prefix}/{action}'}
