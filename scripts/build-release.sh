#!/usr/bin/env bash
# Builds the release binary as it ships: the Swift runtime and Foundation linked in
# (--static-swift-stdlib: nothing of Swift to install beside it, and no dynamic loading at start),
# and the Git commit recorded for `berth --version`. Prints the binary's path on stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit-modified"
fi
# Not in Git (.gitignore); compiled only with -DBERTH_STAMPED (Sources/BerthCLI/BuildInfo.swift).
cat > Sources/BerthCLI/BuildStamp.swift <<SWIFT
/// Written by scripts/build-release.sh; not in Git.
enum BuildStamp {
    static let commit = "$commit"
}
SWIFT

flags=(-c release --static-swift-stdlib -Xswiftc -DBERTH_STAMPED)
# Foundation's networking, linked in, calls libcurl, which stays the system's shared library
# (-lcurl). A machine without libcurl's development files has no libcurl.so to link against: a
# folder of Berth's own names the runtime library (libcurl.so.4) under that name.
if ! ls /usr/lib/*/libcurl.so /usr/lib64/libcurl.so /usr/lib/libcurl.so >/dev/null 2>&1; then
  for curl in /usr/lib/*/libcurl.so.4 /usr/lib64/libcurl.so.4 /usr/lib/libcurl.so.4; do
    if [ -f "$curl" ]; then
      mkdir -p .build/release-link
      ln -sf "$curl" .build/release-link/libcurl.so
      flags+=(-Xlinker -L"$root/.build/release-link")
      break
    fi
  done
fi
swift build "${flags[@]}" --product berth >&2
echo "$(swift build "${flags[@]}" --show-bin-path)/berth"
