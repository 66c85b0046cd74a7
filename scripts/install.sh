#!/usr/bin/env bash
# Installs Berth: the release binary (scripts/build-release.sh), its shell completions for bash,
# zsh and fish (ArgumentParser's), and its manual page (ArgumentParser's manual generator, run on
# the installed binary).
#
#   scripts/install.sh                         build and install under /usr/local (or $PREFIX)
#   scripts/install.sh --prefix ~/.local       somewhere else
#   scripts/install.sh --binary PATH           install a binary built before (no build)
#
# Layout under the prefix: bin/berth, share/man/man1/berth.1,
# share/bash-completion/completions/berth, share/zsh/site-functions/_berth,
# share/fish/vendor_completions.d/berth.fish.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
prefix="${PREFIX:-/usr/local}"
binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --binary) binary="$2"; shift 2 ;;
    --binary=*) binary="${1#--binary=}"; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$binary" ] || binary=$("$root/scripts/build-release.sh")
[ -x "$binary" ] || { echo "install.sh: $binary is not an executable" >&2; exit 1; }

install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 0755 "$binary" "$prefix/bin/berth"
berth="$prefix/bin/berth"
"$berth" --generate-completion-script bash > "$prefix/share/bash-completion/completions/berth"
"$berth" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_berth"
"$berth" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/berth.fish"

# ArgumentParser's generate-manual is a tool of the swift-argument-parser package Berth depends
# on, not one of its products: build it from that checkout, in a scratch folder of its own (no
# lock shared with a build of Berth in progress).
parser="$root/.build/checkouts/swift-argument-parser"
[ -d "$parser" ] || (cd "$root" && swift package resolve >&2)
tool="$root/.build/manual-tool"
swift build --package-path "$parser" --scratch-path "$tool" -c release --product generate-manual >&2
manual=$(mktemp -d)
trap 'rm -rf "$manual"' EXIT
"$tool/release/generate-manual" "$berth" --output-directory "$manual" --authors "The Berth developers" >&2
install -m 0644 "$manual/berth.1" "$prefix/share/man/man1/berth.1"

echo "installed $("$berth" --version) in $prefix" >&2
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "add $prefix/bin to PATH to run berth" >&2 ;; esac
