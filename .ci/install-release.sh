#!/usr/bin/env bash
# Installs the released goalpost binary that matches the action's own ref
# and the runner, after checking its SHA-256; the action builds from source
# when this says there is none (a branch or commit ref, a runner no release
# is built for, a release without that binary).
#
# Environment:
#   GOALPOST_REF       the action's ref (`github.action_ref`): only a version
#                      tag (v1.2.3) has a release
#   RUNNER_OS, RUNNER_ARCH   as GitHub sets them (Linux/macOS/Windows, X64/ARM64)
#   GOALPOST_RELEASES  where releases are downloaded from (default: GitHub's)
#   GOALPOST_DEST      the folder to install into (the binary goes in bin/)
#   GITHUB_OUTPUT      where `installed=true|false` is written
#
# Exit status: 0 when installed or when there is nothing to install (build
# from source then); 1 when a download does not match its checksum, which
# is never installed and never quietly replaced by a build.
set -euo pipefail

releases="${GOALPOST_RELEASES:-https://github.com/goalpost-dev/goalpost/releases/download}"
dest="${GOALPOST_DEST:?GOALPOST_DEST names the folder to install into}"
ref="${GOALPOST_REF:-}"
output="${GITHUB_OUTPUT:-/dev/null}"

from_source() {
  echo "goalpost: $1; building from source" >&2
  echo "installed=false" >> "$output"
  exit 0
}

[[ "$ref" =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] \
  || from_source "the action's ref \`${ref:-(none)}\` is not a release tag"

case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) target=x86_64-unknown-linux-gnu ;;
  Linux/ARM64) target=aarch64-unknown-linux-gnu ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
  *) from_source "no release is built for a ${RUNNER_OS:-?} ${RUNNER_ARCH:-?} runner" ;;
esac

archive="goalpost-$ref-$target.tar.gz"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
curl -fsSL --retry 3 -o "$work/$archive" "$releases/$ref/$archive" 2> /dev/null \
  && curl -fsSL --retry 3 -o "$work/$archive.sha256" "$releases/$ref/$archive.sha256" 2> /dev/null \
  || from_source "release $ref has no $archive"

want="$(cut -d' ' -f1 < "$work/$archive.sha256")"
if command -v sha256sum > /dev/null; then
  got="$(sha256sum "$work/$archive" | cut -d' ' -f1)"
else
  got="$(shasum -a 256 "$work/$archive" | cut -d' ' -f1)"
fi
if [ "$got" != "$want" ]; then
  echo "::error::goalpost: $archive of release $ref has SHA-256 $got, but its .sha256 says $want; not installed" >&2
  exit 1
fi

mkdir -p "$dest/bin"
tar -xzf "$work/$archive" -C "$work"
exe=goalpost
[ "$target" = x86_64-pc-windows-msvc ] && exe=goalpost.exe
install -m 755 "$work/goalpost-$ref-$target/$exe" "$dest/bin/$exe"
"$dest/bin/$exe" --version >&2
echo "installed=true" >> "$output"
