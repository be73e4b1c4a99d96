#!/usr/bin/env bash
# Fails when the entities and the checked-in migrations disagree: builds a scratch database from
# the migrations, then asks TypeORM whether the entities would need another migration.
set -euo pipefail
cd "$(dirname "$0")/../.."
db="kaf_schema_check_$$"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${db}"
trap 'psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS ${db}" >/dev/null 2>&1' EXIT
psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS ${db}" -c "CREATE DATABASE ${db}" >/dev/null 2>&1
npx typeorm migration:run -d scripts/dev/schema-data-source.js >/dev/null
npx typeorm migration:generate --check -d scripts/dev/schema-data-source.js libs/unused/Pending
