# shellcheck shell=bash
# Shared helpers for scripts/infra/*.sh. Sourced, never executed directly.
#
# Provides:
#   INFRA_DIR   absolute path of scripts/infra
#   REPO_ROOT   absolute path of the repository root
#   KAF_DATA    base directory for local server data (not under /tmp)
#   log / warn / die, as_root, tcp_open, wait_until, apt_install

if [[ -n "${_INFRA_LIB_LOADED:-}" ]]; then
  return 0
fi
_INFRA_LIB_LOADED=1

INFRA_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd -- "${INFRA_DIR}/../.." && pwd -P)"
KAF_DATA="${KAF_DATA_DIR:-${HOME}/.local/share/kaf}"
export INFRA_DIR REPO_ROOT KAF_DATA

# A command that fails where nothing checks it still says what failed before set -e ends the
# script (a function's own `return N` is an answer, such as `status` saying stopped, not a failure).
set -o errtrace
_infra_on_error() {
  local status=$? command="$1" source="$2" line="$3"
  [[ "${command}" == return* ]] && return 0
  printf '[%s] ERROR: %s failed (exit %s) at %s line %s\n' "${LOG_TAG:-infra}" "${command}" "${status}" \
    "${source##*/}" "${line}" >&2
}
trap '_infra_on_error "${BASH_COMMAND}" "${BASH_SOURCE[0]}" "${LINENO}"' ERR

# Progress messages go to stderr so that stdout carries only the one-line
# summaries that up.sh / status.sh print.
log() { printf '[%s] %s\n' "${LOG_TAG:-infra}" "$*" >&2; }
warn() { printf '[%s] WARNING: %s\n' "${LOG_TAG:-infra}" "$*" >&2; }
die() {
  printf '[%s] ERROR: %s\n' "${LOG_TAG:-infra}" "$*" >&2
  exit 1
}

# Run a command as root (directly when already root, else through sudo).
as_root() {
  if [[ "${EUID}" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@" || die "needs root for: $* (sudo -n failed; run as root or configure sudo)"
  else
    die "needs root for: $* (not root and sudo is not installed)"
  fi
}

# tcp_open HOST PORT: true when something accepts a TCP connection.
tcp_open() {
  # shellcheck disable=SC2016 # $1/$2 are the inner shell's arguments
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# wait_until TIMEOUT_SECONDS DESCRIPTION CMD...: poll CMD until it succeeds.
# Polls every 0.2s at first, backing off to 1s; returns 1 on timeout.
wait_until() {
  local timeout="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + timeout)) delay=0.2
  while ((SECONDS < deadline)); do
    if "$@"; then
      return 0
    fi
    sleep "${delay}"
    case "${delay}" in
      0.2) delay=0.5 ;;
      0.5) delay=1 ;;
    esac
  done
  warn "timed out after ${timeout}s waiting for ${what}"
  return 1
}

# apt_install PKG...: install Debian packages, running `apt-get update` at most
# once per invocation of the calling script.
_APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install $* by hand"
  if [[ "${_APT_UPDATED}" -eq 0 ]]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 ||
      die "apt-get update failed"
    _APT_UPDATED=1
  fi
  log "apt-get install -y $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2 ||
    die "apt-get install $* failed"
}

# Print the last lines of a file to stderr, framed, if it exists.
tail_file() {
  local file="$1" lines="${2:-40}"
  if [[ -s "${file}" ]]; then
    printf -- '----- last %s lines of %s -----\n' "${lines}" "${file}" >&2
    tail -n "${lines}" -- "${file}" >&2
    printf -- '----- end of %s -----\n' "${file}" >&2
  fi
}
