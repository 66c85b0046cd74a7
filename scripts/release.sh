#!/usr/bin/env bash
# Makes a release in dist/: berth-<version>-linux-<arch>.tar.gz (bin/berth stripped, the
# completions and manual page in the layout scripts/install.sh uses, README), its .sha256, and
# dist/berth.rb, the Homebrew formula filled from packaging/homebrew/berth.rb.template.
#
#   scripts/release.sh [--binary PATH] [--url-base URL] [--homepage URL]
#
# --url-base is where the tarball will be published (the formula's url is URL-BASE/<tarball>).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
binary=""
url_base="${BERTH_RELEASE_URL_BASE:-https://example.invalid/berth/releases}"
homepage="${BERTH_HOMEPAGE:-https://example.invalid/berth}"
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --url-base) url_base="$2"; shift 2 ;;
    --homepage) homepage="$2"; shift 2 ;;
    *) echo "release.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$binary" ] || binary=$("$root/scripts/build-release.sh")
version=$("$binary" --version | awk '{print $2}')
arch=$(uname -m)
name="berth-$version-linux-$arch"
dist="$root/dist"
stage="$dist/$name"
rm -rf "$stage" "$dist/$name.tar.gz" "$dist/$name.tar.gz.sha256"
mkdir -p "$dist"
"$root/scripts/install.sh" --prefix "$stage" --binary "$binary"
unstripped=$(stat -c %s "$stage/bin/berth")
if command -v strip >/dev/null; then strip "$stage/bin/berth"; fi
stripped=$(stat -c %s "$stage/bin/berth")
cp "$root/README.md" "$stage/"
tar -C "$dist" -czf "$dist/$name.tar.gz" "$name"
(cd "$dist" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
sha=$(cut -d' ' -f1 < "$dist/$name.tar.gz.sha256")
sed -e "s|{{VERSION}}|$version|" -e "s|{{URL}}|$url_base/$name.tar.gz|" -e "s|{{SHA256}}|$sha|" \
  -e "s|{{HOMEPAGE}}|$homepage|" "$root/packaging/homebrew/berth.rb.template" > "$dist/berth.rb"
echo "dist/$name.tar.gz ($(stat -c %s "$dist/$name.tar.gz") bytes), sha256 $sha" >&2
# The newest glibc symbol version the binary asks for is the oldest glibc it starts on; packed
# relocations (GLIBC_ABI_DT_RELR) came with 2.36.
glibc=$( (readelf -V "$stage/bin/berth" 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//'
  if readelf -V "$stage/bin/berth" 2>/dev/null | grep -q GLIBC_ABI_DT_RELR; then echo 2.36; fi) | sort -V | tail -1)
echo "binary: $unstripped bytes unstripped, $stripped stripped; needs glibc ${glibc:-?}+ and libcurl 4; formula: dist/berth.rb" >&2
