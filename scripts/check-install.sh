#!/usr/bin/env bash
# Installs the debug binary with scripts/install.sh into a temporary prefix and checks what a
# user gets: the binary runs from there, and the bash, zsh and fish completions and the manual
# page exist and name every command and subcommand (from the binary's own description of its
# commands, --experimental-dump-help). Run by scripts/test.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="${1:-$root/.build/debug/berth}"
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
"$root/scripts/install.sh" --prefix "$prefix" --binary "$binary" 2>/dev/null
"$prefix/bin/berth" --version >/dev/null
"$prefix/bin/berth" --experimental-dump-help > "$prefix/commands.json"
python3 - "$prefix" <<'PY'
import json, os, sys
prefix = sys.argv[1]
info = json.load(open(os.path.join(prefix, 'commands.json')))

def names(command, path=()):
    for sub in command.get('subcommands', []) or []:
        if sub['commandName'] == 'help' or not sub.get('shouldDisplay', True):
            continue
        yield path + (sub['commandName'],)
        yield from names(sub, path + (sub['commandName'],))

commands = sorted(set(names(info['command'])))
files = {
    'bash completion': 'share/bash-completion/completions/berth',
    'zsh completion': 'share/zsh/site-functions/_berth',
    'fish completion': 'share/fish/vendor_completions.d/berth.fish',
    'manual page': 'share/man/man1/berth.1',
}
missing = []
for label, relative in files.items():
    path = os.path.join(prefix, relative)
    if not os.path.isfile(path) or os.path.getsize(path) == 0:
        missing.append(f'{label}: {relative} is missing or empty')
        continue
    text = open(path).read()
    for command in commands:
        if command[-1] not in text:
            missing.append(f'{label} does not mention berth {" ".join(command)}')
if missing:
    print('install check failed:\n  ' + '\n  '.join(missing), file=sys.stderr)
    sys.exit(1)
print(f'install check: the binary, 3 completions and the manual page name all {len(commands)} commands', file=sys.stderr)
PY
