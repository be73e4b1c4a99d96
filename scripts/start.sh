#!/usr/bin/env bash
# Run the whole development federation on this machine: the national node,
# 2 provinces and 4 cities of deploy/topology/dev.json, each a separate
# process with its own database, on a local PostgreSQL, Redis and Kafka.
#
# Usage: scripts/start.sh      (or: npm start)
#
# Steps: install dependencies and build if needed, start the local servers,
# start every node from empty databases (`federation up --fresh`, status
# reports every REPORT_INTERVAL_MS), wait until each parent sees all its
# children reporting, then print where to look. Safe to run again: running
# nodes are stopped and started afresh. Stop with: bash scripts/federation.sh down
#
# Environment: REPORT_INTERVAL_MS (5000), REPORTS_TIMEOUT_MS (90000), and
# those of scripts/infra (see scripts/infra/README.md).
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "${ROOT}"

TOPOLOGY=deploy/topology/dev.json
RUN_DIR=.run/federation
STATE_FILE="${RUN_DIR}/state.json"
REPORT_INTERVAL_MS="${REPORT_INTERVAL_MS:-5000}"
REPORTS_TIMEOUT_MS="${REPORTS_TIMEOUT_MS:-90000}"

step() { printf '\n==> %s\n' "$*" >&2; }

now_ms() {
  local t="${EPOCHREALTIME//[.,]/}"
  echo $((t / 1000))
}

# Infrastructure, dependencies, build, then every node from empty databases.
start_federation() {
  step "Starting the federation (${TOPOLOGY}, status reports every ${REPORT_INTERVAL_MS} ms)"
  bash scripts/federation.sh up --fresh --topology "${TOPOLOGY}" --run-dir "${RUN_DIR}" \
    --report-interval-ms "${REPORT_INTERVAL_MS}"
}

# The steps after start_federation call the CLI directly: dependencies, build
# and infrastructure are in place by then.
cli() { node dist/apps/cli/src/main.js "$@"; }

wait_for_reports() {
  step "Waiting for the children's status reports to reach their parents"
  cli federation wait-reports --run-dir "${RUN_DIR}" --timeout-ms "${REPORTS_TIMEOUT_MS}"
}

# node_field CODE|@TIER FIELD: a field of the first recorded node with that code or tier.
node_field() {
  node -e '
    const [file, sel, field] = process.argv.slice(1);
    const { nodes } = JSON.parse(require("fs").readFileSync(file, "utf8"));
    const n = nodes.find((x) => (sel.startsWith("@") ? x.tier === sel.slice(1) : x.code === sel));
    if (!n) process.exit(1);
    console.log(n[field]);
  ' "${STATE_FILE}" "$1" "$2"
}

# show_json URL: print the curl command, then the answer pretty-printed.
show_json() {
  local url="$1"
  printf '$ curl -s %s\n' "${url}"
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 5 "${url}" | node -e '
      let s = ""; process.stdin.on("data", (d) => (s += d));
      process.stdin.on("end", () => console.log(JSON.stringify(JSON.parse(s), null, 2)));'
  else
    node -e 'fetch(process.argv[1]).then((r) => r.json()).then((j) => console.log(JSON.stringify(j, null, 2)))' "${url}"
  fi
}

print_guide() {
  local national province
  national="$(node_field CN url)"
  province="$(node_field @province code)"
  step "The federation is running"
  echo "Nodes (each serves the same endpoints on its own port):"
  # shellcheck disable=SC2016 # JavaScript template literals, not shell expansions
  node -e '
    const { nodes } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const n of nodes) console.log(`  ${n.code.padEnd(6)}  ${n.tier.padEnd(8)}  ${n.url}   ${n.name}`);
  ' "${STATE_FILE}"
  echo
  echo "API docs (OpenAPI UI):  ${national}/api/docs   (JSON: ${national}/api/docs-json)"
  echo "Prometheus metrics:     ${national}/metrics"
  echo "Health:                 ${national}/health/ready"
  echo "Node logs:              ${RUN_DIR}/logs/<code>.log"
  echo
  echo "Children reports as the national node sees them:"
  show_json "${national}/api/v1/federation/children"
  echo
  echo "Children reports as province ${province} sees them:"
  show_json "$(node_field "${province}" url)/api/v1/federation/children"
  echo
  echo "Status of every node:   bash scripts/federation.sh status"
  echo "Stop the federation:    bash scripts/federation.sh down"
}

main() {
  local began
  began="$(now_ms)"
  start_federation
  wait_for_reports
  print_guide
  local ms=$(($(now_ms) - began))
  printf '\nFederation up with all status reports in after %d.%ds.\n' $((ms / 1000)) $(((ms % 1000) / 100))
}

main "$@"
