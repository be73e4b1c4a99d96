#!/usr/bin/env bash
# Checks the Node.js version against `engines` (scripts/lib/check-node.sh), then installs the npm
# dependencies exactly as package-lock.json lists them (`npm ci`) when node_modules is missing or
# older than package.json / package-lock.json. The lock lists every platform's optional binaries
# (buf, msgpackr, the resolver bindings), so `npm ci` works on any of them; a package.json that
# no longer matches the lock fails here instead of being resolved anew.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash scripts/lib/check-node.sh
marker=node_modules/.package-lock.json
if [[ ! -f "$marker" || package-lock.json -nt "$marker" || package.json -nt "$marker" ]]; then
  echo "==> installing npm dependencies as package-lock.json lists them (npm ci)"
  if ! npm ci --no-audit --no-fund --loglevel=error; then
    echo "ERROR: npm ci failed (see above). If package.json changed, run 'npm install' and commit the package-lock.json it writes." >&2
    exit 1
  fi
fi
