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
# Linked by LLD, which the Swift toolchain ships, for two things gold cannot do that a deploy's
# peak memory shows (issue 16, about 5 MB of the binary's pages):
# - packed relative relocations (-z pack-relative-relocs, glibc 2.36+): the loader walks ~100,000
#   of them at every start; as RELA that is 2.4 MB read, as RELR a 20 KB bitmap;
# - no dynamic symbol table (--no-export-dynamic, after the driver's -export-dynamic): nothing
#   loads Berth as a library, and the loader would page in 1 MB of exported names for nothing
#   (and --gc-sections may now drop code only the export kept). Crash backtraces of a stripped
#   binary show addresses; the unstripped one keeps its full symbol table.
# A glibc older than 2.36 cannot load RELR (the binary would not start there), so the packing
# follows the glibc of the machine that builds, which is the floor of what it runs on anyway.
glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
if [ -x "$(dirname "$(readlink -f "$(command -v swift)")")/ld.lld" ]; then
  flags+=(-Xswiftc -use-ld=lld -Xlinker --no-export-dynamic)
  if [ -n "$glibc" ] && [ "$(printf '%s\n2.36\n' "$glibc" | sort -V | head -1)" = 2.36 ]; then
    flags+=(-Xlinker -z -Xlinker pack-relative-relocs)
  else
    echo "build-release: glibc ${glibc:-unknown} is older than 2.36; relocations stay unpacked" >&2
  fi
else
  echo "build-release: the toolchain has no ld.lld; linking with the default linker (larger start-up)" >&2
fi
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
