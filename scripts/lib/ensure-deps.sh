#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than package-lock.json.
# `npm install` rather than `npm ci`: the lock records the platform-specific optional binaries
# (buf, msgpackr) of this platform only, which recent npm versions refuse under `npm ci`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
marker=node_modules/.package-lock.json
if [[ ! -f "$marker" || package-lock.json -nt "$marker" || package.json -nt "$marker" ]]; then
  echo "==> installing npm dependencies"
  npm install --no-audit --no-fund --loglevel=error
fi
