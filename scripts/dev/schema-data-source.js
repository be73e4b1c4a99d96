// Data source for generating and checking migrations: SCHEMA_LIBS picks which libs' entities
// and migrations take part, so that each lib's migration holds only its own tables.
const { DataSource } = require('typeorm');

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
  url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kaf_schema_check',
  entities,
  migrations,
  synchronize: false,
});
