#!/usr/bin/env bash
# Stops with a clear message when Node.js or npm is missing, or Node.js is older than the
# `engines.node` of package.json (a ">=MAJOR[.MINOR[.PATCH]]" range). Run first by the scripts
# that start or test the project (through scripts/lib/ensure-deps.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

fail() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

wanted="$(sed -n '/"engines"/,/}/s/.*"node": *"\([^"]*\)".*/\1/p' "${root}/package.json")"
[[ "${wanted}" =~ ^\>=\ *([0-9]+)(\.([0-9]+))?(\.([0-9]+))?$ ]] ||
  fail "cannot read engines.node of package.json as '>=X.Y.Z': '${wanted}'"
need=("${BASH_REMATCH[1]}" "${BASH_REMATCH[3]:-0}" "${BASH_REMATCH[5]:-0}")

command -v node >/dev/null 2>&1 ||
  fail "Node.js is not installed; this project needs Node.js ${wanted} with npm (engines in package.json)"
command -v npm >/dev/null 2>&1 || fail "npm is not installed; it comes with Node.js ${wanted}"
have="$(node --version)"
[[ "${have}" =~ ^v([0-9]+)\.([0-9]+)\.([0-9]+) ]] || fail "cannot read the Node.js version '${have}'"
got=("${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}")
for i in 0 1 2; do
  ((got[i] > need[i])) && exit 0
  ((got[i] < need[i])) && fail "Node.js ${wanted} is required (engines in package.json), found ${have} at $(command -v node)"
done
exit 0
