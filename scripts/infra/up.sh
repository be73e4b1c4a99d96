#!/usr/bin/env bash
# Start (or confirm) every local server the project needs: PostgreSQL, Redis
# and the Kafka broker. Safe to run repeatedly; servers already running are
# left as they are. Prints one summary line per server with its address.
#
# Usage: scripts/infra/up.sh
# Environment: see scripts/infra/README.md (PG_PORT, REDIS_PORT, KAFKA_PORT,
# KAF_DATA_DIR, ...).
set -euo pipefail

INFRA_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"

summary=()
for svc in postgres redis kafka; do
  if ! line="$(bash "${INFRA_DIR}/${svc}.sh" up)"; then
    printf '%s\n' "${summary[@]}"
    printf '[infra] ERROR: %s failed to start (see messages above)\n' "${svc}" >&2
    exit 1
  fi
  summary+=("${line}")
done
printf '%s\n' "${summary[@]}"
