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
# children reporting, seed demo data through the REST APIs (`seed demo`), then
# print where to look and ready-to-copy commands that mint a token and call an
# endpoint. Safe to run again: running nodes are stopped and started afresh.
# Stop with: bash scripts/federation.sh down
#
# Environment: REPORT_INTERVAL_MS (5000), REPORTS_TIMEOUT_MS (90000),
# SEED (kaf-demo: the demo data's generator seed; SEED=none skips seeding), and
# USAGE_EVENTS (20000: billing usage events pushed through both doors of the
# cities over the last 13 months, a quarter as many more through each province's
# door by account number, then checked against the national analytics; 0 skips
# it; bills and payments of the demo accounts go through the provinces' doors too), and
# those of scripts/infra (see scripts/infra/README.md).
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "${ROOT}"

TOPOLOGY=deploy/topology/dev.json
RUN_DIR=.run/federation
STATE_FILE="${RUN_DIR}/state.json"
REPORT_INTERVAL_MS="${REPORT_INTERVAL_MS:-5000}"
REPORTS_TIMEOUT_MS="${REPORTS_TIMEOUT_MS:-90000}"
SEED="${SEED:-kaf-demo}"
USAGE_EVENTS="${USAGE_EVENTS:-20000}"

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

seed_demo() {
  if [[ "${SEED}" == none ]]; then
    step "Skipping demo data (SEED=none)"
    return 0
  fi
  step "Seeding demo data through the REST APIs (seed '${SEED}')"
  cli seed demo --run-dir "${RUN_DIR}" --seed "${SEED}"
}

# Billing usage through both doors (REST batches and the cities' Kafka topics) with duplicates,
# corrections and late months, then the national analytics checked against the generator's
# ground truth, to the fen.
seed_usage() {
  if [[ "${SEED}" == none || "${USAGE_EVENTS}" == 0 ]]; then
    step "Skipping billing usage"
    return 0
  fi
  local months
  months="$(node -e '
    const now = new Date(Date.now() + 8 * 3600e3);
    const at = (back) => { const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)); return d.toISOString().slice(0, 7); };
    console.log(`${at(12)}..${at(0)}`);
  ')"
  step "Billing usage: ${USAGE_EVENTS} events over ${months} through both doors"
  cli billing load --run-dir "${RUN_DIR}" --door both --events "${USAGE_EVENTS}" --months "${months}" \
    --customers 20 --seed "${SEED}" --truth "${RUN_DIR}/usage-truth.json"
  step "Billing usage through each province's door, by the demo billing system's account numbers: $((USAGE_EVENTS / 4)) events"
  cli billing load --run-dir "${RUN_DIR}" --door province --events $((USAGE_EVENTS / 4)) --months "${months}" \
    --customers 20 --seed "${SEED}-province" --source boss-billing --truth "${RUN_DIR}/province-usage-truth.json"
  step "Checking the national and provincial analytics against the loads' ground truth"
  cli billing verify --run-dir "${RUN_DIR}" --truth "${RUN_DIR}/usage-truth.json" \
    --truth "${RUN_DIR}/province-usage-truth.json" --wait 60
}

# Bills and payments of the demo billing accounts through each province's door, some left in
# arrears; the arrears they must leave are written beside the usage truth.
seed_bills() {
  if [[ "${SEED}" == none ]]; then
    step "Skipping bills and payments"
    return 0
  fi
  step "Bills and payments of the demo accounts through each province's door (six months, some in arrears), then the national arrears checked against their truth"
  cli billing bills --run-dir "${RUN_DIR}" --seed "${SEED}" --truth "${RUN_DIR}/arrears-truth.json" --wait 120
}

# token ROLE NODE [SUBJECT]: a short-lived development token signed with the federation's key.
seed_one_stop() {
  if [[ "${SEED}" == none ]]; then
    step "Skipping one-stop circuit orders"
    return 0
  fi
  step "One-stop circuit orders: tariffs, policy, a quoted order built at three nodes, one in progress, one failed, settlement"
  cli one-stop demo --run-dir "${RUN_DIR}"
}

seed_service() {
  if [[ "${SEED}" == none ]]; then
    step "Skipping service assurance"
    return 0
  fi
  step "Service assurance: a fault on Shenzhen's Shenzhen–Hangzhou circuit checked at every node carrying it and worked to closed; a complaint left unanswered escalated to Guangdong"
  cli service demo --run-dir "${RUN_DIR}"
}

# Documents published downward (policies, the group registry) and the version each node applied.
show_documents() {
  step "Documents published downward, and the version every node applied (receipts at CN and each province)"
  cli federation documents --run-dir "${RUN_DIR}" --wait 60
}

show_figures() {
  step "Figures reported upward: usage reconciled at each province and at CN (per city and month, to the fen)"
  cli federation figures --run-dir "${RUN_DIR}" --wait 120
  step "Figures reported upward: arrears reconciled at each province and at CN"
  cli federation figures --run-dir "${RUN_DIR}" --measure arrears --wait 120
  step "Figures reported upward: service quality reconciled at each province and at CN"
  cli federation figures --run-dir "${RUN_DIR}" --measure service-quality --wait 120
}

token() {
  cli auth token --run-dir "${RUN_DIR}" --role "$1" --node "$2" ${3:+--subject "$3"} --ttl 10m 2>/dev/null
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

# show_json URL TOKEN: the answer of an authenticated GET, pretty-printed.
show_json() {
  node -e '
    fetch(process.argv[1], { headers: { authorization: `Bearer ${process.argv[2]}` } })
      .then((r) => r.json())
      .then((j) => console.log(JSON.stringify(j, null, 2)))
      .catch((e) => console.log(`(no answer: ${e.message})`));
  ' "$1" "$2"
}

# first_customer URL TOKEN: the id of the first customer a city lists (empty when none).
first_customer() {
  node -e '
    fetch(`${process.argv[1]}/api/v1/customers?limit=1`, { headers: { authorization: `Bearer ${process.argv[2]}` } })
      .then((r) => r.json())
      .then((j) => console.log(Array.isArray(j) && j[0] ? j[0].id : ""))
      .catch(() => console.log(""));
  ' "$1" "$2"
}

# example TITLE ROLE NODE SUBJECT URL: a ready-to-copy token + curl pair.
example() {
  local title="$1" role="$2" node="$3" subject="$4" url="$5"
  printf '  # %s\n' "${title}"
  printf '  TOKEN=$(npm run --silent cli -- auth token --role %s --node %s%s)\n' \
    "${role}" "${node}" "${subject:+ --subject ${subject}}"
  printf '  curl -s -H "Authorization: Bearer $TOKEN" '"'"'%s'"'"'\n\n' "${url}"
}

print_guide() {
  local national province city city_url renew_by operator
  national="$(node_field CN url)"
  province="$(node_field 440000 code 2>/dev/null || node_field @province code)"
  city="$(node_field 440300 code 2>/dev/null || node_field @city code)"
  city_url="$(node_field "${city}" url)"
  renew_by="$(node -e 'const d = new Date(Date.now() + 31 * 864e5); console.log(d.toISOString().slice(0, 10))')"
  operator="$(token node_admin CN)"
  step "The federation is running"
  echo "Nodes (each serves the same endpoints on its own port):"
  # shellcheck disable=SC2016 # JavaScript template literals, not shell expansions
  node -e '
    const { nodes } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const n of nodes) console.log(`  ${n.code.padEnd(6)}  ${n.tier.padEnd(8)}  ${n.url}   ${n.name}`);
  ' "${STATE_FILE}"
  echo
  echo "API docs (OpenAPI UI):  ${national}/api/docs   (JSON: ${national}/api/docs-json; every node serves its own)"
  echo "Prometheus metrics:     ${national}/metrics"
  echo "Health:                 ${national}/health/ready"
  echo "Node logs:              ${RUN_DIR}/logs/<code>.log"
  echo
  echo "Children reports as the national node sees them (GET /api/v1/federation/children):"
  show_json "${national}/api/v1/federation/children" "${operator}"
  echo
  echo "Try the APIs (every call needs a bearer token; 'auth token --help' lists the roles):"
  echo
  example "Customers of city ${city}, as its city administrator" \
    city_admin "${city}" "" "${city_url}/api/v1/customers?limit=5"
  example "The same city as account manager E${city}-003: only the customers assigned to them" \
    account_manager "${city}" "E${city}-003" "${city_url}/api/v1/customers?limit=5"
  example "Service agreements of city ${city} that end within 30 days (renewal reminders)" \
    city_admin "${city}" "" "${city_url}/api/v1/service-agreements?status=active&endingBefore=${renew_by}"
  example "Province ${province}'s read-only view of its cities' customers, as a province analyst" \
    province_analyst "${province}" "" "$(node_field "${province}" url)/api/v1/customers?limit=5"
  example "The national group-customer registry, as an HQ analyst" \
    hq_analyst CN "" "${national}/api/v1/group-customers"
  if [[ "${SEED}" != none && "${USAGE_EVENTS}" != 0 ]]; then
    example "National revenue by province and month, with month-on-month and year-on-year growth" \
      hq_analyst CN "" "${national}/api/v1/analytics/revenue?groupBy=province,month&compare=mom,yoy"
    example "National groups by their members' revenue across every city" \
      hq_analyst CN "" "${national}/api/v1/analytics/group-customers"
    example "Which provinces have reported which months, and how fresh their figures are" \
      hq_analyst CN "" "${national}/api/v1/analytics/completeness"
    example "Province ${province}'s biggest customers this month, with value class and churn risk" \
      province_analyst "${province}" "" "$(node_field "${province}" url)/api/v1/analytics/top-customers?limit=10"
    example "City ${city}'s customers at risk of churning" \
      city_admin "${city}" "" "${city_url}/api/v1/usage-insights/churn-risks"
  fi
  if [[ "${SEED}" != none ]]; then
    example "Where province ${province} routes the demo billing system's account ${city:0:4}-0000101 (its city)" \
      province_analyst "${province}" "" \
      "$(node_field "${province}" url)/api/v1/billing-accounts?source=boss-billing&accountNumber=${city:0:4}-0000101"
    example "National arrears by province, aged 1-30, 31-90 and over 90 days past due (this month: as of today)" \
      hq_analyst CN "" "${national}/api/v1/analytics/arrears?groupBy=province"
    local customer
    customer="$(first_customer "${city_url}" "$(token city_admin "${city}")")"
    example "A demo customer's billing accounts in city ${city}, each with its balance and arrears by age" \
      city_admin "${city}" "" "${city_url}/api/v1/customers/${customer}/billing-accounts"
    example "The same customer's bills (status=open|paid|overdue) and payments (.../payments)" \
      city_admin "${city}" "" "${city_url}/api/v1/customers/${customer}/bills"
    example "City ${city}'s one-stop circuit orders, each with its segments' states" \
      city_admin "${city}" "" "${city_url}/api/v1/circuit-orders"
    example "Work orders of the Hangzhou ends, as a provisioning engineer there" \
      provisioning_engineer 330100 "" "$(node_field 330100 url)/api/v1/work-orders"
    example "Cross-province orders the national node coordinates (stuck=true: breached or past a deadline)" \
      hq_admin CN "" "${national}/api/v1/coordinated-orders"
    example "One-stop settlement by region over the last twelve months" \
      hq_analyst CN "" "${national}/api/v1/analytics/one-stop-settlement?groupBy=region"
    example "Shenzhen's trouble tickets (the demo's fault, closed, and its late complaint), as its service desk" \
      service_desk 440300 "" "$(node_field 440300 url)/api/v1/trouble-tickets"
    example "Escalations Guangdong holds (the late complaint, acknowledged)" \
      province_admin 440000 "" "$(node_field 440000 url)/api/v1/escalations"
    example "Service quality at CN by province and ticket type: SLA compliance, time to restore, satisfaction" \
      hq_analyst CN "" "${national}/api/v1/analytics/service-quality?groupBy=province,ticketType"
  fi
  echo "Status of every node:   bash scripts/federation.sh status"
  echo "Seed again (adds nothing new): npm run --silent cli -- seed demo"
  echo "Stop the federation:    bash scripts/federation.sh down"
}

main() {
  local began
  began="$(now_ms)"
  start_federation
  wait_for_reports
  local seeding
  seeding="$(now_ms)"
  seed_demo
  seed_usage
  seed_bills
  seed_one_stop
  seed_service
  seeding=$(($(now_ms) - seeding))
  show_documents
  if [[ "${SEED}" != none ]]; then show_figures; fi
  print_guide
  local ms=$(($(now_ms) - began))
  printf '\nFederation up with all status reports in and demo data and usage seeded after %d.%ds (seeding %d.%ds).\n' \
    $((ms / 1000)) $(((ms % 1000) / 100)) $((seeding / 1000)) $(((seeding % 1000) / 100))
}

main "$@"
