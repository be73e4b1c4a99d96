#!/usr/bin/env bash
# Local Redis on 127.0.0.1 for development and tests (no persistence).
#
# Usage: scripts/infra/redis.sh <command>
#   up      use the server already answering on REDIS_PORT; otherwise install
#           redis-server from Debian packages if needed, start it daemonized
#           and wait until it answers PING
#   status  print running/stopped; exit 0 only when it answers PING
#   down    stop the server only if 'up' started it; a server that was
#           already running before is never stopped
#
# Environment: REDIS_PORT (6379), KAF_DATA_DIR, REDIS_START_TIMEOUT (20).
# See scripts/infra/README.md.
set -euo pipefail

# shellcheck disable=SC2034 # read by the helpers in _lib.sh
LOG_TAG=redis
# shellcheck source-path=SCRIPTDIR source=_lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/_lib.sh"

REDIS_HOST=127.0.0.1
REDIS_PORT="${REDIS_PORT:-6379}"
if ! [[ "${REDIS_PORT}" =~ ^[0-9]+$ ]] || ((REDIS_PORT < 1 || REDIS_PORT > 65535)); then
  die "REDIS_PORT must be a TCP port number, got '${REDIS_PORT}'"
fi
START_TIMEOUT="${REDIS_START_TIMEOUT:-20}"
STOP_TIMEOUT=20
ADDR="${REDIS_HOST}:${REDIS_PORT}"
RDIR="${KAF_DATA}/redis"
PID_FILE="${RDIR}/redis-${REDIS_PORT}.pid"
LOG_FILE="${RDIR}/redis-${REDIS_PORT}.log"

redis_ready() {
  if command -v redis-cli >/dev/null 2>&1; then
    [[ "$(timeout 3 redis-cli -h "${REDIS_HOST}" -p "${REDIS_PORT}" ping 2>/dev/null)" == PONG ]]
  else
    (
      exec 3<>"/dev/tcp/${REDIS_HOST}/${REDIS_PORT}" || exit 1
      printf 'PING\r\n' >&3
      local reply=""
      IFS= read -r -t 3 reply <&3 || exit 1
      [[ "${reply}" == "+PONG"* ]]
    ) 2>/dev/null
  fi
}

# True when PID is a live (non-zombie) redis-server process.
is_redis_pid() {
  local state
  state="$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" || return 1
  [[ -n "${state}" && "${state}" != Z && "${state}" != X ]] || return 1
  [[ "$(cat "/proc/$1/comm" 2>/dev/null)" == redis-server* ]]
}

redis_gone() { ! is_redis_pid "$1"; }

# Print the pid of a redis-server that this script started, if still alive.
our_pid() {
  [[ -f "${PID_FILE}" ]] || return 1
  local pid
  pid="$(<"${PID_FILE}")"
  if ! [[ "${pid}" =~ ^[0-9]+$ ]] || ! is_redis_pid "${pid}"; then
    return 1
  fi
  echo "${pid}"
}

cmd_up() {
  local pid
  if redis_ready; then
    if pid="$(our_pid)"; then
      echo "redis     ready    ${ADDR}  pid ${pid} (already running, started by redis.sh)"
    else
      echo "redis     ready    ${ADDR}  (already running)"
    fi
    return 0
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    log "redis-server not found"
    apt_install redis-server
    # The package may have started its own service on the default port.
    if redis_ready; then
      echo "redis     ready    ${ADDR}  (started by the redis-server package)"
      return 0
    fi
  fi
  if tcp_open "${REDIS_HOST}" "${REDIS_PORT}"; then
    die "port ${REDIS_PORT} on ${REDIS_HOST} is taken by something that does not answer Redis PING"
  fi

  mkdir -p "${RDIR}"
  rm -f -- "${PID_FILE}"
  log "starting redis-server on ${ADDR} (log ${LOG_FILE})"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "${REDIS_PORT}" \
    --save "" --appendonly no --dir "${RDIR}" \
    --logfile "${LOG_FILE}" --pidfile "${PID_FILE}" >&2 ||
    die "redis-server failed to start"
  if ! wait_until "${START_TIMEOUT}" "Redis on ${ADDR}" redis_ready; then
    tail_file "${LOG_FILE}" 30
    die "Redis is not answering PING on ${ADDR}"
  fi
  wait_until 5 "${PID_FILE}" test -s "${PID_FILE}" || true
  pid="$(our_pid || echo '?')"
  echo "redis     ready    ${ADDR}  pid ${pid} (started by redis.sh)"
}

cmd_down() {
  local pid
  if ! pid="$(our_pid)"; then
    rm -f -- "${PID_FILE}"
    if redis_ready; then
      echo "redis     running  ${ADDR}  (left running: not started by redis.sh)"
    else
      echo "redis     stopped  ${ADDR}"
    fi
    return 0
  fi
  log "stopping redis-server pid ${pid}"
  kill -TERM "${pid}" 2>/dev/null || true
  if ! wait_until "${STOP_TIMEOUT}" "redis-server pid ${pid} to exit" redis_gone "${pid}"; then
    warn "sending SIGKILL to redis-server pid ${pid}"
    kill -KILL "${pid}" 2>/dev/null || true
  fi
  rm -f -- "${PID_FILE}"
  echo "redis     stopped  ${ADDR}  pid ${pid}"
}

cmd_status() {
  local pid
  if redis_ready; then
    if pid="$(our_pid)"; then
      echo "redis     running  ${ADDR}  pid ${pid} (started by redis.sh)"
    else
      echo "redis     running  ${ADDR}  (external)"
    fi
    return 0
  fi
  echo "redis     stopped  ${ADDR}"
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
