#!/usr/bin/env bash
# Stop the local servers: the Kafka broker always (clean shutdown);
# PostgreSQL and Redis only when scripts/infra started them, never a server
# that was already running on the machine.
#
# Usage: scripts/infra/down.sh
set -euo pipefail

INFRA_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"

rc=0
for svc in kafka redis postgres; do
  bash "${INFRA_DIR}/${svc}.sh" down || rc=1
done
exit "${rc}"
