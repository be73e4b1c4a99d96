// Data source for generating and checking migrations: SCHEMA_LIBS picks which libs' entities
// and migrations take part, so that each lib's migration holds only its own tables.
const { execFileSync } = require('node:child_process');
const { Client } = require('pg');
const { DataSource } = require('typeorm');

/**
 * TypeORM's schema reader (migration:generate) sends several queries on one client at once, which
 * pg deprecates ("client.query() when the client is already executing a query") and pg 9 refuses.
 * This client runs them one after another instead; promise-style calls only, which is how TypeORM
 * calls it.
 */
class OneQueryAtATimeClient extends Client {
  #tail = Promise.resolve();

  query(...args) {
    const callbackStyle =
      typeof args[args.length - 1] === 'function' || typeof args[0]?.submit === 'function';
    if (callbackStyle) return super.query(...args);
    const run = this.#tail.then(() => super.query(...args));
    this.#tail = run.catch(() => undefined);
    return run;
  }
}

const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '../../dist/libs');
// By default every lib that owns tables: those whose index exports <LIB>_ENTITIES.
const libs = process.env.SCHEMA_LIBS
  ? process.env.SCHEMA_LIBS.split(',')
  : readdirSync(dist).filter((lib) => {
      const index = join(dist, lib, 'src/index.js');
      return existsSync(index) && `${lib.toUpperCase().replace(/-/g, '_')}_ENTITIES` in require(index);
    });
const entities = [];
const migrations = [];
for (const lib of libs) {
  const mod = require(`../../dist/libs/${lib}/src/index.js`);
  const key = lib.toUpperCase().replace(/-/g, '_');
  entities.push(...mod[`${key}_ENTITIES`]);
  migrations.push(...mod[`${key}_MIGRATIONS`]);
}

module.exports = new DataSource({
  type: 'postgres',
  url:
    process.env.DATABASE_URL ??
    execFileSync('bash', [join(__dirname, '../lib/pg-env.sh'), 'url', 'kaf_schema_check'], {
      encoding: 'utf8',
    }).trim(),
  entities,
  migrations,
  synchronize: false,
  extra: { Client: OneQueryAtATimeClient },
});
