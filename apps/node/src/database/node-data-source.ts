import { AUDIT_ENTITIES, AUDIT_MIGRATIONS } from '@kaf/audit';
import { FEDERATION_ENTITIES, FEDERATION_MIGRATIONS } from '@kaf/federation';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@kaf/messaging';
import type { DataSourceOptions } from 'typeorm';

/** Every capability's tables and migrations, in dependency order. */
export const NODE_ENTITIES = [...MESSAGING_ENTITIES, ...FEDERATION_ENTITIES, ...AUDIT_ENTITIES];
export const NODE_MIGRATIONS = [...MESSAGING_MIGRATIONS, ...FEDERATION_MIGRATIONS, ...AUDIT_MIGRATIONS];

/** The node's own database. Migrations run at start; the schema is never synchronised. */
export function nodeDataSourceOptions(
  databaseUrl: string,
  nodeCode: string,
  poolSize = 10,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: NODE_ENTITIES,
    migrations: NODE_MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    applicationName: `kaf-node-${nodeCode}`,
    extra: { max: poolSize },
  };
}
