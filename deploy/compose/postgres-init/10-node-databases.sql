-- One database per federation node of deploy/topology/dev.json, owned by the compose
-- superuser (POSTGRES_USER). Each node creates its own tables at start (migrations).
--
-- Run by the postgres image's entrypoint (psql, ON_ERROR_STOP) the first time the data volume
-- is initialised. Safe to run again by hand, e.g. after adding a node to the topology:
--   docker compose -f deploy/docker-compose.yml exec -T postgres \
--     psql -U kaf -d postgres < deploy/compose/postgres-init/10-node-databases.sql
--
-- CREATE DATABASE cannot run inside a transaction or a DO block, so the statements are built
-- by a query and executed one by one with \gexec, only for the databases that are missing.

SELECT format('CREATE DATABASE %I', datname)
FROM unnest(ARRAY[
  'kaf_fed_cn',
  'kaf_fed_440000',
  'kaf_fed_440100',
  'kaf_fed_440300',
  'kaf_fed_330000',
  'kaf_fed_330100',
  'kaf_fed_330200'
]) AS wanted(datname)
WHERE NOT EXISTS (SELECT 1 FROM pg_database d WHERE d.datname = wanted.datname)
\gexec
