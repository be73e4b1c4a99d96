#!/usr/bin/env bash
# Run a local federation: one node process per topology node, on the local
# PostgreSQL, Redis and Kafka broker started by scripts/infra.
#
# Usage: scripts/federation.sh <command> [options]
#   up            start the nodes (default: all of deploy/topology/dev.json)
#   down          stop them, children first
#   status        is each node alive and ready; children reports per parent
#   wait-reports  wait until every parent sees each started child reporting
#   <command> --help   the options of a command
#
# Before running the CLI (node dist/apps/cli/src/main.js federation ...):
#   - the Node.js version against engines in package.json, then `npm ci` when node_modules
#     is missing or older than package-lock.json (scripts/lib/ensure-deps.sh);
#   - `npm run build` when dist is missing or older than the sources;
#   - for `up`: `bash scripts/infra/up.sh` (starts whatever is not running).
# For `down` and `status`, a failed rebuild is only a warning as long as a
# previous build exists, so that nodes can always be inspected and stopped.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "${ROOT}"

log() { printf '[federation] %s\n' "$*" >&2; }
die() {
  printf '[federation] ERROR: %s\n' "$*" >&2
  exit 1
}

CLI=dist/apps/cli/src/main.js
NODE_MAIN=dist/apps/node/src/main.js


# The Node.js version (engines in package.json) first, then the npm dependencies.
ensure_dependencies() {
  bash "${ROOT}/scripts/lib/ensure-deps.sh" >&2
}

# True when an output of the build is missing or older than anything it is built from.
build_is_stale() {
  local out src
  local -a sources=(apps libs)
  [[ -d scripts/bench ]] && sources+=(scripts/bench)
  for out in "${NODE_MAIN}" "${CLI}"; do
    [[ -f "${out}" ]] || return 0
    src="$(find "${sources[@]}" -type f -name '*.ts' ! -name '*.spec.ts' ! -name '*.int-spec.ts' \
      ! -name '*.e2e-spec.ts' -newer "${out}" -print -quit)"
    [[ -z "${src}" ]] || return 0
    for src in package.json package-lock.json tsconfig.base.json tsconfig.build.json; do
      [[ "${src}" -nt "${out}" ]] && return 0
    done
  done
  return 1
}

# ensure_build strict|lenient
ensure_build() {
  build_is_stale || return 0
  log "build is missing or older than the sources: npm run build"
  if npm run --silent build >&2; then
    return 0
  fi
  if [[ "$1" == lenient && -f "${CLI}" ]]; then
    log "WARNING: build failed; using the previous build of the CLI"
    return 0
  fi
  die "npm run build failed"
}

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//' >&2
  exit 2
}

main() {
  local cmd="${1:-}"
  case "${cmd}" in
    up | wait-reports) ;;
    down | stop) cmd=down ;;
    status) ;;
    -h | --help | help) usage ;;
    '') usage ;;
    *) die "unknown command '${cmd}' (expected up, down, status or wait-reports)" ;;
  esac
  shift

  ensure_dependencies
  if [[ "${cmd}" == up ]]; then
    ensure_build strict
    bash scripts/infra/up.sh >&2 || die "local infrastructure did not start (see above)"
  else
    ensure_build lenient
  fi
  exec node "${CLI}" federation "${cmd}" "$@"
}

main "$@"
