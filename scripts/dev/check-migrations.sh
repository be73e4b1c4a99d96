#!/usr/bin/env bash
# Fails when the entities and the checked-in migrations disagree: builds a scratch database from
# the migrations, then asks TypeORM whether the entities would need another migration.
# Connects with the settings of scripts/lib/pg-env.sh (PG_HOST, PG_PORT, PG_USER, PG_PASSWORD or
# the credentials file). Build first (`npm run build`): entities load from dist/.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR source=../lib/pg-env.sh
source scripts/lib/pg-env.sh
pg_env_resolve

fail() {
  printf 'check-migrations: %s\n' "$*" >&2
  exit 1
}

[[ -d dist/libs ]] || fail "dist/libs is missing: run 'npm run build' first"
db="kaf_schema_check_$$"
export DATABASE_URL
DATABASE_URL="$(pg_url "${db}")"
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS ${db}" >/dev/null 2>&1' EXIT
if ! out="$(psql -X -q -w -d postgres -c "DROP DATABASE IF EXISTS ${db}" -c "CREATE DATABASE ${db}" 2>&1)"; then
  fail "cannot create the scratch database ${db} on ${PG_HOST}:${PG_PORT} as ${PG_USER}" \
    "(run 'bash scripts/infra/up.sh' first): ${out}"
fi
if ! out="$(npx typeorm migration:run -d scripts/dev/schema-data-source.js 2>&1)"; then
  printf '%s\n' "${out}" >&2
  fail "the migrations did not run on a scratch database (see above)"
fi
npx typeorm migration:generate --check -d scripts/dev/schema-data-source.js libs/unused/Pending ||
  fail "the entities need a migration that is not checked in (see above; scripts/dev/generate-migration.sh makes one)"
