#!/usr/bin/env bash
# The action's run (action.yml): `check` with annotations, `build` (with
# `--compare` against the pull request's base), and `diff` into the body of
# the pull request comment. Writes the outputs `site`, `comment` and
# `compared` to GITHUB_OUTPUT.
#
# Environment: INPUT_ROOT, INPUT_OUT, INPUT_CHECK, INPUT_STRICT,
# INPUT_BASE_URL, GITHUB_EVENT_NAME, GITHUB_BASE_REF, RUNNER_TEMP,
# GITHUB_OUTPUT; riskbook on PATH.
set -euo pipefail

root="${INPUT_ROOT:-.}"
out="${INPUT_OUT:-$root/public}"
strict=()
[ "${INPUT_STRICT:-false}" = true ] && strict=(--strict)
output="${GITHUB_OUTPUT:-/dev/null}"

if [ "${INPUT_CHECK:-true}" = true ]; then
  riskbook check --root "$root" --format github ${strict[@]+"${strict[@]}"}
fi

base=""
case "${GITHUB_EVENT_NAME:-}" in
  pull_request | pull_request_target)
    if [ -n "${GITHUB_BASE_REF:-}" ]; then
      if git -C "$root" rev-parse --verify --quiet "origin/$GITHUB_BASE_REF^{commit}" >/dev/null; then
        base="origin/$GITHUB_BASE_REF"
      else
        echo "::warning title=riskbook::origin/$GITHUB_BASE_REF is not in the checkout: check out with fetch-depth: 0 to compare with the base branch"
      fi
    fi
    ;;
esac

args=(build --root "$root" --out "$out" ${strict[@]+"${strict[@]}"})
[ -n "${INPUT_BASE_URL:-}" ] && args+=(--base-url "$INPUT_BASE_URL")
[ -n "$base" ] && args+=(--compare "$base")
riskbook "${args[@]}"
echo "site=$out" >> "$output"

if [ -n "$base" ]; then
  comment="${RUNNER_TEMP:-$(mktemp -d)}/riskbook-comment.md"
  riskbook diff --root "$root" "$base" > "$comment"
  echo "comment=$comment" >> "$output"
  echo "compared=$base" >> "$output"
fi
