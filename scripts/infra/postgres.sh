#!/usr/bin/env bash
# Local PostgreSQL on 127.0.0.1 for development and tests.
#
# Usage: scripts/infra/postgres.sh <command>
#   up      use the server already listening on PG_PORT; otherwise install
#           PostgreSQL from Debian packages if needed, start (or create) a
#           Debian cluster on PG_PORT and wait until it accepts connections
#   status  print running/stopped; exit 0 only when accepting connections
#   down    stop the cluster only if 'up' started it; a server that was
#           already running before is never stopped
#
# Environment: PG_PORT (5432), KAF_DATA_DIR, PG_START_TIMEOUT (60).
# See scripts/infra/README.md.
set -euo pipefail

# shellcheck disable=SC2034 # read by the helpers in _lib.sh
LOG_TAG=postgres
# shellcheck source-path=SCRIPTDIR source=_lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/_lib.sh"

PG_HOST=127.0.0.1
PG_PORT="${PG_PORT:-5432}"
if ! [[ "${PG_PORT}" =~ ^[0-9]+$ ]] || ((PG_PORT < 1 || PG_PORT > 65535)); then
  die "PG_PORT must be a TCP port number, got '${PG_PORT}'"
fi
START_TIMEOUT="${PG_START_TIMEOUT:-60}"
ADDR="${PG_HOST}:${PG_PORT}"
STATE_DIR="${KAF_DATA}/postgres"
# Holds "VERSION CLUSTER" of a cluster that this script started.
STARTED_FILE="${STATE_DIR}/started-cluster-${PG_PORT}"
HBA_MARKER="# kaf infra: trust loopback TCP connections (local development only)"

pg_ready() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "${PG_HOST}" -p "${PG_PORT}" -t 2
  else
    tcp_open "${PG_HOST}" "${PG_PORT}"
  fi
}

have_server() {
  command -v pg_ctlcluster >/dev/null 2>&1 &&
    compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

# Print "VERSION CLUSTER STATUS" of the Debian cluster configured for PG_PORT.
find_cluster() {
  pg_lsclusters -h 2>/dev/null | awk -v port="${PG_PORT}" '$3 == port { print $1, $2, $4; exit }'
}

newest_version() {
  find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -n | tail -n 1
}

# Put trust rules for loopback TCP connections at the top of pg_hba.conf
# (first match wins). Idempotent. The file is rewritten in place so it keeps
# its owner (postgres) and mode.
ensure_trust() {
  local ver="$1" name="$2" hba tmp
  hba="/etc/postgresql/${ver}/${name}/pg_hba.conf"
  [[ -f "${hba}" ]] || die "pg_hba.conf not found at ${hba}"
  if grep -qF "${HBA_MARKER}" "${hba}"; then
    return 0
  fi
  log "configuring trust authentication for 127.0.0.1 and ::1 in ${hba}"
  tmp="$(mktemp)"
  {
    echo "${HBA_MARKER}"
    echo "host    all             all             127.0.0.1/32            trust"
    echo "host    all             all             ::1/128                 trust"
    echo
    cat -- "${hba}"
  } >"${tmp}"
  as_root tee -- "${hba}" <"${tmp}" >/dev/null
  rm -f -- "${tmp}"
}

cluster_log() {
  echo "/var/log/postgresql/postgresql-$1-$2.log"
}

check_login() {
  command -v psql >/dev/null 2>&1 || return 0
  if ! psql -w -h "${PG_HOST}" -p "${PG_PORT}" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    warn "server is up but 'psql -h ${PG_HOST} -p ${PG_PORT} -U postgres' without a password failed;" \
      "the server needs credentials (set PGPASSWORD / DATABASE_URL accordingly)"
  fi
}

cmd_up() {
  if pg_ready; then
    local how="already running"
    [[ -f "${STARTED_FILE}" ]] && how="already running, started by postgres.sh"
    check_login
    echo "postgres  ready    ${ADDR}  (${how})"
    return 0
  fi

  local installed=0 created=0 ver name status cluster
  if ! have_server; then
    log "PostgreSQL server binaries not found"
    apt_install postgresql
    installed=1
  fi

  cluster="$(find_cluster)"
  if [[ -z "${cluster}" ]]; then
    ver="$(newest_version)"
    [[ -n "${ver}" ]] || die "no PostgreSQL version found under /usr/lib/postgresql"
    name=main
    if [[ -d "/etc/postgresql/${ver}/${name}" ]]; then
      name="kaf${PG_PORT}"
    fi
    log "creating PostgreSQL ${ver} cluster '${name}' on port ${PG_PORT}"
    as_root pg_createcluster --port "${PG_PORT}" "${ver}" "${name}" \
      -- --auth-local=peer --auth-host=trust >&2 ||
      die "pg_createcluster ${ver} ${name} failed"
    created=1
    status=down
  else
    read -r ver name status <<<"${cluster}"
  fi

  if ((installed || created)); then
    ensure_trust "${ver}" "${name}"
  fi

  if [[ "${status}" == online ]]; then
    # Online but not accepting connections on 127.0.0.1 yet (just started by
    # the package scripts, or listening elsewhere): reload and wait.
    as_root pg_ctlcluster --skip-systemctl-redirect "${ver}" "${name}" reload >&2 || true
  else
    log "starting cluster ${ver}/${name} on port ${PG_PORT}"
    if ! as_root pg_ctlcluster --skip-systemctl-redirect "${ver}" "${name}" start >&2; then
      tail_file "$(cluster_log "${ver}" "${name}")" 40
      die "pg_ctlcluster ${ver} ${name} start failed"
    fi
    mkdir -p "${STATE_DIR}"
    echo "${ver} ${name}" >"${STARTED_FILE}"
  fi

  if ! wait_until "${START_TIMEOUT}" "PostgreSQL on ${ADDR}" pg_ready; then
    tail_file "$(cluster_log "${ver}" "${name}")" 40
    die "PostgreSQL ${ver}/${name} is not accepting connections on ${ADDR}"
  fi
  check_login
  echo "postgres  ready    ${ADDR}  (cluster ${ver}/${name} started by postgres.sh)"
}

cmd_down() {
  if [[ ! -f "${STARTED_FILE}" ]]; then
    if pg_ready; then
      echo "postgres  running  ${ADDR}  (left running: not started by postgres.sh)"
    else
      echo "postgres  stopped  ${ADDR}"
    fi
    return 0
  fi
  local ver name
  read -r ver name <"${STARTED_FILE}"
  log "stopping cluster ${ver}/${name}"
  as_root pg_ctlcluster --skip-systemctl-redirect "${ver}" "${name}" stop -m fast >&2 ||
    warn "pg_ctlcluster ${ver} ${name} stop reported an error (already stopped?)"
  rm -f -- "${STARTED_FILE}"
  echo "postgres  stopped  ${ADDR}  (cluster ${ver}/${name})"
}

cmd_status() {
  local how="external"
  [[ -f "${STARTED_FILE}" ]] && how="started by postgres.sh"
  if pg_ready; then
    echo "postgres  running  ${ADDR}  (${how})"
    return 0
  fi
  echo "postgres  stopped  ${ADDR}"
  return 1
}

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//' >&2
  exit 2
}

case "${1:-}" in
  up) cmd_up ;;
  down | stop) cmd_down ;;
  status) cmd_status ;;
  *) usage ;;
esac
