#!/usr/bin/env bash
# Installs a released riskbook for the action (action.yml): the archive for
# this runner's OS and architecture, checked against its published SHA-256,
# unpacked into RISKBOOK_INSTALL_DIR (which the action caches) and put on
# PATH. A cached binary of the same version is used as it is.
#
# Environment: RISKBOOK_VERSION (a release tag, e.g. v0.2.0),
# RISKBOOK_REPOSITORY (owner/name), RISKBOOK_INSTALL_DIR, RUNNER_OS,
# RUNNER_ARCH, GITHUB_PATH; RISKBOOK_DOWNLOAD_BASE overrides
# https://github.com/<repository>/releases/download (tests use a file:// URL).
set -euo pipefail

version="${RISKBOOK_VERSION:?set the action input version (a release tag such as v0.2.0)}"
case "$version" in
  v[0-9]*) ;;
  *) echo "::error title=riskbook::version '$version' is not a release tag: use the action at a tag (@v0.2.0) or set its input version"; exit 1 ;;
esac
dir="${RISKBOOK_INSTALL_DIR:?}"
exe=riskbook
case "${RUNNER_OS:?}/${RUNNER_ARCH:?}" in
  Linux/X64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc; exe=riskbook.exe ;;
  *) echo "::error title=riskbook::no riskbook release for $RUNNER_OS/$RUNNER_ARCH"; exit 1 ;;
esac

if [ -x "$dir/$exe" ] && [ "$(cat "$dir/.version" 2>/dev/null)" = "$version" ]; then
  echo "riskbook $version from the cache"
else
  case "$target" in *windows*) ext=zip ;; *) ext=tar.gz ;; esac
  archive="riskbook-$target.$ext"
  base="${RISKBOOK_DOWNLOAD_BASE:-https://github.com/${RISKBOOK_REPOSITORY:?}/releases/download}/$version"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  curl --fail --silent --show-error --location --retry 3 -o "$tmp/$archive" "$base/$archive"
  curl --fail --silent --show-error --location --retry 3 -o "$tmp/$archive.sha256" "$base/$archive.sha256"
  expected="$(cut -d ' ' -f 1 < "$tmp/$archive.sha256")"
  if command -v sha256sum >/dev/null 2>&1; then
    actual="$(sha256sum "$tmp/$archive" | cut -d ' ' -f 1)"
  else
    actual="$(shasum -a 256 "$tmp/$archive" | cut -d ' ' -f 1)"
  fi
  if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    echo "::error title=riskbook::checksum mismatch for $archive: published $expected, downloaded $actual"
    exit 1
  fi
  mkdir -p "$dir"
  case "$ext" in
    # Git Bash on Windows may lack unzip; its tar (bsdtar) reads zip.
    zip) if command -v unzip >/dev/null 2>&1; then unzip -o -q "$tmp/$archive" -d "$dir"; else tar -xf "$tmp/$archive" -C "$dir"; fi ;;
    *) tar -xzf "$tmp/$archive" -C "$dir" ;;
  esac
  echo "$version" > "$dir/.version"
  echo "riskbook $version installed ($target, sha256 $actual)"
fi
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$dir" >> "$GITHUB_PATH"
fi
"$dir/$exe" --version
