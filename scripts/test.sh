#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs, starts the local servers
# (PostgreSQL, Redis, a real Kafka broker), runs static checks, then unit, integration and
# end-to-end tests. Prints one closing line "tests: N passed, M failed".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/.run/test-results"
rm -rf "$results" && mkdir -p "$results"

step() { printf '\n==> %s\n' "$*"; }

bash scripts/lib/ensure-deps.sh

step "static checks"
npx buf lint proto
bash scripts/dev/check-proto-breaking.sh
npm run --silent proto:gen
if git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --quiet -- libs/messaging/src/gen libs/contracts/src/gen; then
  echo "generated protobuf code is stale: run 'npm run proto:gen' and commit the result" >&2
  git --no-pager diff --stat -- libs/messaging/src/gen libs/contracts/src/gen >&2
  exit 1
fi
npm run --silent format:check
npm run --silent docs:links
npm run --silent typecheck
npm run --silent lint
npm run --silent depcheck

step "build"
npm run --silent build
export KAF_BUILT=1 # the suites' global setup need not build again

step "local servers"
bash scripts/infra/up.sh

step "migrations match the entities"
npm run --silent migrations:check

failed=0
suite() {
  local name=$1 config=$2
  step "$name tests"
  npx jest --config "$config" --json --outputFile="$results/$name.json" || failed=1
}
suite unit jest.config.js
suite integration test/jest-integration.config.js
suite e2e test/jest-e2e.config.js

node -e '
  const fs = require("fs"), dir = process.argv[1];
  let passed = 0, failed = 0;
  for (const f of fs.readdirSync(dir)) {
    const r = JSON.parse(fs.readFileSync(dir + "/" + f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
' "$results"
exit "$failed"
