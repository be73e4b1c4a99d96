#!/usr/bin/env bash
# Generates the next migration of one lib from its entities: usage `generate-migration.sh <lib> <Name>`.
# Works in a scratch database of its own, holding only that lib's migrated tables, so the new
# migration holds only that lib's changes. Build first (`npm run build`): entities load from dist/.
# Connects with the settings of scripts/lib/pg-env.sh (PG_HOST, PG_PORT, ...).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR source=../lib/pg-env.sh
source scripts/lib/pg-env.sh
pg_env_resolve
lib=${1:?usage: generate-migration.sh <lib> <MigrationName>}
name=${2:?usage: generate-migration.sh <lib> <MigrationName>}
db="kaf_schema_gen_${lib//-/_}_$$"
DATABASE_URL="$(pg_url "${db}")"
export DATABASE_URL SCHEMA_LIBS="$lib"
if ! out="$(psql -X -q -w -d postgres -c "DROP DATABASE IF EXISTS ${db}" -c "CREATE DATABASE ${db}" 2>&1)"; then
  printf 'generate-migration: cannot create the scratch database %s on %s:%s as %s: %s\n' \
    "${db}" "${PG_HOST}" "${PG_PORT}" "${PG_USER}" "${out}" >&2
  exit 1
fi
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS ${db}" >/dev/null 2>&1' EXIT
npx typeorm migration:run -d scripts/dev/schema-data-source.js >/dev/null
npx typeorm migration:generate -p -d scripts/dev/schema-data-source.js -t "$(date +%s%3N)" "libs/${lib}/src/migrations/${name}"
