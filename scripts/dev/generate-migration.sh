#!/usr/bin/env bash
# Generates the next migration of one lib from its entities: usage `generate-migration.sh <lib> <Name>`.
# Works in a scratch database of its own, holding only that lib's migrated tables, so the new
# migration holds only that lib's changes. Build first (`npm run build`): entities load from dist/.
set -euo pipefail
cd "$(dirname "$0")/../.."
lib=${1:?usage: generate-migration.sh <lib> <MigrationName>}
name=${2:?usage: generate-migration.sh <lib> <MigrationName>}
db="kaf_schema_gen_${lib//-/_}_$$"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${db}" SCHEMA_LIBS="$lib"
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS ${db}" -c "CREATE DATABASE ${db}" >/dev/null 2>&1
npx typeorm migration:run -d scripts/dev/schema-data-source.js >/dev/null
npx typeorm migration:generate -p -d scripts/dev/schema-data-source.js -t "$(date +%s%3N)" "libs/${lib}/src/migrations/${name}"
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS ${db}" >/dev/null 2>&1
