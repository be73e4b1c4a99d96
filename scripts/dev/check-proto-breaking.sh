#!/usr/bin/env bash
# Fails when a change breaks the wire contracts in proto/ (buf breaking, FILE rules): nodes of
# different versions run side by side during a rollout, so fields are only ever added.
# Uncommitted changes are compared with HEAD; otherwise the last commit with its parent.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! git rev-parse --git-dir >/dev/null 2>&1; then
  echo "not a git checkout: proto compatibility not checked"
  exit 0
fi
if ! git diff --quiet HEAD -- proto; then
  against=HEAD
elif git rev-parse --verify --quiet HEAD~1 >/dev/null; then
  against=HEAD~1
else
  echo "no earlier commit: proto compatibility not checked"
  exit 0
fi
npx buf breaking proto --against ".git#ref=${against},subdir=proto"
echo "proto contracts compatible with ${against}"
