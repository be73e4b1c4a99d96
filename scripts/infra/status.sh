#!/usr/bin/env bash
# Show whether PostgreSQL, Redis and the Kafka broker are up, one line each.
# Exit status 0 only when all three answer.
#
# Usage: scripts/infra/status.sh
set -euo pipefail

INFRA_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"

rc=0
for svc in postgres redis kafka; do
  bash "${INFRA_DIR}/${svc}.sh" status || rc=1
done
exit "${rc}"
