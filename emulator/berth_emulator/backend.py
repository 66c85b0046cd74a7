"""moto itself, patched, served on a loopback port in this process."""
import sys
import threading

TESTED_MOTO = ('5.2.5',)


def install_patches(settings):
    """Checks every patch against this moto, then installs them all; exits 3 naming each mismatch."""
    import moto
    from .patches import PatchError, all_patches
    patches, problems = all_patches(settings), []
    for patch in patches:
        try:
            patch.install()
        except PatchError as e:
            problems.append(str(e))
        except ImportError as e:
            # A moto module a patch imports has moved: the same mismatch, named the same way.
            problems.append(f'{patch.name}: {e}')
    if problems:
        print(f'emulator: moto {moto.__version__} does not match what the patches were written for:\n  '
              + '\n  '.join(problems) + f'\nInstall moto {" or ".join(TESTED_MOTO)} (scripts/emulator.sh setup does).',
              file=sys.stderr)
        sys.exit(3)
    if moto.__version__ not in TESTED_MOTO:
        print(f'emulator: warning: moto {moto.__version__} is untested (tested: {", ".join(TESTED_MOTO)})',
              file=sys.stderr)
    return patches


def serve_moto(host='127.0.0.1'):
    """Starts moto's WSGI app on a free port in a daemon thread; returns its base URL."""
    from werkzeug.serving import make_server
    from moto.moto_server import werkzeug_app
    app = werkzeug_app.DomainDispatcherApplication(werkzeug_app.create_backend_app)
    extra = {'request_handler': werkzeug_app.MotoRequestHandler} if hasattr(werkzeug_app, 'MotoRequestHandler') else {}
    server = make_server(host, 0, app, threaded=True, **extra)
    threading.Thread(target=server.serve_forever, name='moto', daemon=True).start()
    return f'http://{host}:{server.server_port}'
