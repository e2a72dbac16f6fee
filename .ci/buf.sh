#!/usr/bin/env bash
# buf checks of the public contract (proto/saywho/v1):
#   1. `buf lint` with the rules in buf.yaml (buf's default set, STANDARD), and `buf format`
#      (the .proto files are in buf's canonical layout);
#   2. `buf breaking` against the previous commit (HEAD~1: on main, the main before this change).
#
# Usage: .ci/buf.sh            (installs buf from npm into a throwaway directory)
#        BUF=/path/to/buf .ci/buf.sh
#        BUF_AGAINST=<git rev> .ci/buf.sh   (compare against another commit, e.g. origin/main)
#
# The baseline is exported with `git archive` into a temporary directory, so this works the same
# in a plain clone, a git worktree and a shallow clone. When there is no baseline (first commit,
# a depth-1 clone that cannot be deepened) or the baseline predates buf.yaml, the breaking check
# is skipped with a message: there is no earlier contract to break. A deliberate break passes when
# the commit message (of HEAD: the merge commit on main) has a line `Buf-Breaking: allow`.
set -euo pipefail
cd "$(dirname "$0")/.."

BUF_VERSION=1.75.0
scratch=$(mktemp -d "${TMPDIR:-/tmp}/saywho-buf.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

if [ -z "${BUF:-}" ]; then
  echo "buf.sh: installing @bufbuild/buf@$BUF_VERSION from npm into $scratch"
  timeout 300 npm install --prefix "$scratch/npm" --no-audit --no-fund --no-save --loglevel=error \
    "@bufbuild/buf@$BUF_VERSION" >/dev/null
  BUF="$scratch/npm/node_modules/.bin/buf"
fi
echo "buf.sh: $("$BUF" --version) at $BUF"

echo "buf.sh: buf lint"
"$BUF" lint

echo "buf.sh: buf format --diff --exit-code (fix with: buf format -w)"
"$BUF" format --diff --exit-code

against="${BUF_AGAINST:-HEAD~1}"
if ! git rev-parse --verify -q "$against^{commit}" >/dev/null; then
  if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
    git fetch -q --deepen=1 2>/dev/null || true
  fi
fi
if ! base=$(git rev-parse --verify -q "$against^{commit}"); then
  echo "buf.sh: buf breaking SKIPPED: no commit $against here (first commit or shallow clone)"
  exit 0
fi
if ! git cat-file -e "$base:buf.yaml" 2>/dev/null; then
  echo "buf.sh: buf breaking SKIPPED: $against ($(git rev-parse --short "$base")) predates buf.yaml"
  exit 0
fi
mkdir -p "$scratch/base"
git archive "$base" buf.yaml proto | tar -x -C "$scratch/base"
echo "buf.sh: buf breaking --against $against ($(git rev-parse --short "$base"))"
if ! "$BUF" breaking --against "$scratch/base"; then
  # A deliberate break is declared in the commit message, so it is visible in history.
  if git log -1 --format=%B HEAD | grep -qi '^buf-breaking: *allow'; then
    echo "buf.sh: breaking changes ALLOWED by 'Buf-Breaking: allow' in the commit message"
  else
    echo "buf.sh: the public contract changed incompatibly (see above). Make the change additive"
    echo "        (new fields/messages; 'reserved' for removed ones), or, if the break is intended,"
    echo "        add a line 'Buf-Breaking: allow' to the commit message."
    exit 1
  fi
fi
echo "buf.sh: ok"
