#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs, starts the local servers
# (PostgreSQL, Redis, a real Kafka broker), runs static checks, then unit, integration and
# end-to-end tests. Prints one closing line "tests: N passed, M failed"; a stage that wrote no
# results counts as failed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/.run/test-results"
rm -rf "$results" && mkdir -p "$results"

step() { printf '\n==> %s\n' "$*"; }

# One deadline for the whole run, well inside CI's 90 minutes: a leaked handle or a hung server
# fails the run instead of holding it until CI gives up.
deadline=$((SECONDS + ${KAF_TEST_TIMEOUT_S:-3600}))
remaining() { echo $((deadline - SECONDS > 60 ? deadline - SECONDS : 60)); }

bash scripts/lib/ensure-deps.sh

# The local servers start while the static checks and the build run: they wait mostly on the
# network and the JVM, the checks on the CPU.
servers_log="$results/servers.log"
bash scripts/infra/up.sh >"$servers_log" 2>&1 &
servers_pid=$!

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
if ! wait "$servers_pid"; then
  cat "$servers_log" >&2
  echo "the local servers did not start (above: scripts/infra/up.sh)" >&2
  exit 1
fi
cat "$servers_log"

step "migrations match the entities"
npm run --silent migrations:check

failed=0
stages=()
# suite NAME CONFIG [JEST ARGS...]: one stage of jest, its results in $results/NAME.json.
suite() {
  local name=$1 config=$2
  shift 2
  step "$name tests"
  stages+=("$name")
  timeout --kill-after=30 "$(remaining)" npx jest --config "$config" --json --outputFile="$results/$name.json" "$@" || failed=1
}
suite unit jest.config.js
# Integration and e2e suites own their namespaces (topics, databases, Redis prefixes), so the e2e
# suites run two at a time; those that stop or restart the shared broker run alone, last.
export KAF_SPLIT_EXCLUSIVE=1
suite integration test/jest-integration.config.js
suite e2e test/jest-e2e.config.js --maxWorkers=2
suite exclusive test/jest-exclusive.config.js

# shellcheck disable=SC2016 # the script is JavaScript
node -e '
  const fs = require("fs"), [dir, ...stages] = process.argv.slice(1);
  let passed = 0, failed = 0;
  for (const stage of stages) {
    const file = `${dir}/${stage}.json`;
    if (!fs.existsSync(file)) {
      console.log(`${stage}: no results written (the stage aborted or timed out)`);
      failed += 1;
      continue;
    }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
' "$results" "${stages[@]}"
exit "$failed"
