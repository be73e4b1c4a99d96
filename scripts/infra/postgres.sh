#!/usr/bin/env bash
# Local PostgreSQL on 127.0.0.1 for development and tests.
#
# Usage: scripts/infra/postgres.sh <command>
#   up      use the server already listening on PG_HOST:PG_PORT; otherwise
#           install PostgreSQL from Debian packages if needed, start (or
#           create) a Debian cluster on PG_PORT and wait until it accepts
#           connections. Then log in with the settings of scripts/lib/pg-env.sh;
#           when the server asks for a password, create the project's own role
#           (PG_ROLE, default kaf) through the local socket as the postgres OS
#           user and store its password in the credentials file, or say in one
#           line what to run
#   status  print running/stopped; exit 0 only when accepting connections
#   down    stop the cluster only if 'up' started it; a server that was
#           already running before is never stopped
#
# Environment: PG_HOST (127.0.0.1), PG_PORT (5432), PG_USER, PG_PASSWORD,
# PG_ROLE (kaf), KAF_CONFIG_DIR, KAF_DATA_DIR, PG_START_TIMEOUT (60).
# See scripts/infra/README.md.
set -euo pipefail

# shellcheck disable=SC2034 # read by the helpers in _lib.sh
LOG_TAG=postgres
# shellcheck source-path=SCRIPTDIR source=_lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/_lib.sh"
# shellcheck source-path=SCRIPTDIR source=../lib/pg-env.sh
source "${REPO_ROOT}/scripts/lib/pg-env.sh"

pg_env_resolve || exit 1
PG_ROLE="${PG_ROLE:-kaf}"
[[ "${PG_ROLE}" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "PG_ROLE must be a lowercase SQL name, got '${PG_ROLE}'"
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

is_local_host() {
  [[ "${PG_HOST}" == 127.* || "${PG_HOST}" == localhost || "${PG_HOST}" == ::1 ]]
}

# Prints psql's error and fails when the resolved settings cannot log in.
login_error() {
  local out
  if out="$(psql -w -d postgres -Atqc 'select 1' 2>&1 >/dev/null)"; then
    return 1
  fi
  printf '%s\n' "${out:-psql failed without a message}"
}

# Runs psql as the postgres OS user over the local socket (peer authentication).
psql_as_postgres() (
  local -a cmd=(psql -X -q -v ON_ERROR_STOP=1 -p "${PG_PORT}" -d postgres "$@")
  cd / || return 1 # the postgres user may not enter the caller's directory
  if [[ "${EUID}" -eq 0 ]]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- env -u PGHOST -u PGUSER -u PGPASSWORD "${cmd[@]}"
    else
      su postgres -s /bin/sh -c "env -u PGHOST -u PGUSER -u PGPASSWORD $(printf '%q ' "${cmd[@]}")"
    fi
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n -u postgres env -u PGHOST -u PGUSER -u PGPASSWORD "${cmd[@]}"
  else
    echo "not root, and sudo is not installed" >&2
    return 1
  fi
)

# store_login USER PASSWORD: the credentials file's entry for PG_HOST:PG_PORT (mode 600).
store_login() {
  local file tmp
  file="$(pg_credentials_file)"
  mkdir -p -- "$(dirname -- "${file}")"
  tmp="$(mktemp "${file}.XXXXXX")"
  chmod 600 "${tmp}"
  if [[ -f "${file}" ]]; then
    awk -F: -v h="${PG_HOST}" -v p="${PG_PORT}" '!($1 == h && $2 == p)' "${file}" >"${tmp}"
  fi
  printf '%s:%s:*:%s:%s\n' "${PG_HOST}" "${PG_PORT}" "$1" "$2" >>"${tmp}"
  mv -f -- "${tmp}" "${file}"
}

# The server asks for a password that nobody gave: create (or reset) the project's role with a
# generated password, kept in the credentials file so that every script and test finds it.
provision_role() {
  local password stored sql
  if stored="$(_pg_stored_login "${PG_HOST}" "${PG_PORT}")" && [[ "${stored%% *}" == "${PG_ROLE}" ]]; then
    password="${stored#* }"
  else
    password="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  fi
  sql="DO \$\$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '${PG_ROLE}') THEN ALTER ROLE ${PG_ROLE} LOGIN CREATEDB PASSWORD '${password}'; ELSE CREATE ROLE ${PG_ROLE} LOGIN CREATEDB PASSWORD '${password}'; END IF; END \$\$;"
  if ! is_local_host; then
    die "PostgreSQL at ${ADDR} asks for a password: set PG_USER and PG_PASSWORD (${PG_HOST} is not this machine, so no role can be created here)"
  fi
  store_login "${PG_ROLE}" "${password}"
  log "the server asks for a password: creating role '${PG_ROLE}' through the local socket as the postgres OS user"
  local out
  if ! out="$(psql_as_postgres -c "${sql}" 2>&1)"; then
    [[ -z "${out}" ]] || printf '%s\n' "${out}" >&2
    die "could not create role '${PG_ROLE}' (its password is now stored in $(pg_credentials_file)); run once, then start again: sudo -u postgres psql -p ${PG_PORT} -d postgres -c \"CREATE ROLE ${PG_ROLE} LOGIN CREATEDB PASSWORD '${password}'\""
  fi
  log "role '${PG_ROLE}' can log in on ${ADDR}; its password is in $(pg_credentials_file)"
}

ensure_login() {
  command -v psql >/dev/null 2>&1 || apt_install postgresql-client
  local error
  error="$(login_error)" || return 0
  if [[ "${PG_LOGIN_FROM}" == environment ]]; then
    die "cannot log in to PostgreSQL at ${ADDR} as PG_USER=${PG_USER}: ${error}"
  fi
  if ! grep -qiE 'password' <<<"${error}"; then
    die "cannot log in to PostgreSQL at ${ADDR} as ${PG_USER}: ${error}"
  fi
  provision_role
  unset PG_USER PG_PASSWORD
  pg_env_resolve
  if error="$(login_error)"; then
    die "cannot log in to PostgreSQL at ${ADDR} as ${PG_USER} even after creating it: ${error}"
  fi
}

cmd_up() {
  if pg_ready; then
    local how="already running"
    [[ -f "${STARTED_FILE}" ]] && how="already running, started by postgres.sh"
    ensure_login
    echo "postgres  ready    ${ADDR}  (${how}; user ${PG_USER})"
    return 0
  fi

  is_local_host || die "nothing answers on ${ADDR}, and postgres.sh starts a server only on this machine (PG_HOST 127.0.0.1)"
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
  ensure_login
  echo "postgres  ready    ${ADDR}  (cluster ${ver}/${name} started by postgres.sh; user ${PG_USER})"
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
