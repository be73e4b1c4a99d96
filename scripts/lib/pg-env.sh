#!/usr/bin/env bash
# shellcheck shell=bash
# The PostgreSQL connection settings of every script, the CLI, the benchmarks and the test
# support, resolved in this one place from the environment:
#
#   PG_HOST      server address (default 127.0.0.1)
#   PG_PORT      server port (default 5432)
#   PG_USER      role to log in as; with PG_PASSWORD (may be empty)
#   otherwise    the entry for PG_HOST:PG_PORT in the project's credentials file
#                $KAF_CONFIG_DIR/pgpass (default ~/.config/kaf/pgpass, libpq's pgpass format
#                "host:port:*:user:password"), written by scripts/infra/postgres.sh when it
#                creates the project's own role on a server that asks for a password
#   otherwise    user postgres without a password
#
# Sourced: `pg_env_resolve` sets and exports PG_HOST, PG_PORT, PG_USER, PG_PASSWORD and libpq's
# PGHOST, PGPORT, PGUSER, PGPASSWORD (so psql needs no options); `pg_url DB` prints the URL of
# database DB; `pg_credentials_file` prints the credentials file's path.
# Run: `bash scripts/lib/pg-env.sh url [DB]` prints the URL of DB (default: postgres), which is
# how the TypeScript side (apps/cli/src/federation/postgres-url.ts) reads these settings.

if [[ -z "${_PG_ENV_LOADED:-}" ]]; then
  _PG_ENV_LOADED=1

  pg_credentials_file() {
    printf '%s/pgpass\n' "${KAF_CONFIG_DIR:-${XDG_CONFIG_HOME:-${HOME}/.config}/kaf}"
  }

  # _pg_stored_login HOST PORT: "user password" of the credentials file's entry, if any.
  _pg_stored_login() {
    local file line
    file="$(pg_credentials_file)"
    [[ -r "${file}" ]] || return 1
    line="$(awk -F: -v h="$1" -v p="$2" '$1 == h && $2 == p { print $4 " " $5; exit }' "${file}")"
    [[ -n "${line}" ]] || return 1
    printf '%s\n' "${line}"
  }

  pg_env_resolve() {
    PG_HOST="${PG_HOST:-127.0.0.1}"
    PG_PORT="${PG_PORT:-5432}"
    if ! [[ "${PG_PORT}" =~ ^[0-9]+$ ]] || ((PG_PORT < 1 || PG_PORT > 65535)); then
      printf '[postgres] ERROR: PG_PORT must be a TCP port number, got %s\n' "'${PG_PORT}'" >&2
      return 1
    fi
    local stored
    if [[ -n "${PG_USER:-}" ]]; then
      PG_PASSWORD="${PG_PASSWORD:-}"
      PG_LOGIN_FROM=environment
    elif stored="$(_pg_stored_login "${PG_HOST}" "${PG_PORT}")"; then
      read -r PG_USER PG_PASSWORD <<<"${stored}"
      PG_LOGIN_FROM="$(pg_credentials_file)"
    else
      PG_USER=postgres
      PG_PASSWORD=
      PG_LOGIN_FROM=default
    fi
    export PG_HOST PG_PORT PG_USER PG_PASSWORD PG_LOGIN_FROM
    export PGHOST="${PG_HOST}" PGPORT="${PG_PORT}" PGUSER="${PG_USER}"
    if [[ -n "${PG_PASSWORD}" ]]; then
      export PGPASSWORD="${PG_PASSWORD}"
    else
      unset PGPASSWORD
    fi
  }

  _pg_urlencode() {
    local LC_ALL=C s="$1" out="" c i
    for ((i = 0; i < ${#s}; i++)); do
      c="${s:i:1}"
      case "${c}" in
        [a-zA-Z0-9._~-]) out+="${c}" ;;
        *) printf -v c '%%%02X' "'${c}" && out+="${c}" ;;
      esac
    done
    printf '%s' "${out}"
  }

  # pg_url DB: postgres://USER[:PASSWORD]@HOST:PORT/DB of the resolved settings.
  pg_url() {
    local host="${PG_HOST}" auth
    [[ "${host}" == *:* ]] && host="[${host}]"
    auth="$(_pg_urlencode "${PG_USER}")"
    [[ -n "${PG_PASSWORD}" ]] && auth+=":$(_pg_urlencode "${PG_PASSWORD}")"
    printf 'postgres://%s@%s:%s/%s\n' "${auth}" "${host}" "${PG_PORT}" "${1:-postgres}"
  }
fi

if [[ "${BASH_SOURCE[0]}" == "${0}" ]]; then
  set -euo pipefail
  pg_env_resolve
  case "${1:-}" in
    url) pg_url "${2:-postgres}" ;;
    *)
      echo "usage: pg-env.sh url [DATABASE]" >&2
      exit 2
      ;;
  esac
fi
