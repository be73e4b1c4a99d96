import { ACCOUNT_MANAGERS_ENTITIES, ACCOUNT_MANAGERS_MIGRATIONS } from '@kaf/account-managers';
import { AGREEMENTS_ENTITIES, AGREEMENTS_MIGRATIONS } from '@kaf/agreements';
import { AUDIT_ENTITIES, AUDIT_MIGRATIONS } from '@kaf/audit';
import { BILLING_ENTITIES, BILLING_MIGRATIONS } from '@kaf/billing';
import { BILLING_ACCOUNTS_ENTITIES, BILLING_ACCOUNTS_MIGRATIONS } from '@kaf/billing-accounts';
import { BILLING_POLICY_ENTITIES, BILLING_POLICY_MIGRATIONS } from '@kaf/billing-policy';
import { CONTACTS_ENTITIES, CONTACTS_MIGRATIONS } from '@kaf/contacts';
import { CUSTOMERS_ENTITIES, CUSTOMERS_MIGRATIONS } from '@kaf/customers';
import { DOCUMENTS_ENTITIES, DOCUMENTS_MIGRATIONS } from '@kaf/documents';
import { FEDERATION_ENTITIES, FEDERATION_MIGRATIONS } from '@kaf/federation';
import { GROUPS_ENTITIES, GROUPS_MIGRATIONS } from '@kaf/groups';
import { NATIONAL_CUBE_ENTITIES, NATIONAL_CUBE_MIGRATIONS } from '@kaf/national-cube';
import { ONE_STOP_ENTITIES, ONE_STOP_MIGRATIONS } from '@kaf/one-stop';
import { PROVINCE_USAGE_ENTITIES, PROVINCE_USAGE_MIGRATIONS } from '@kaf/province-usage';
import { UPWARD_FIGURES_ENTITIES, UPWARD_FIGURES_MIGRATIONS } from '@kaf/upward-figures';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@kaf/messaging';
import { VISITS_ENTITIES, VISITS_MIGRATIONS } from '@kaf/visits';
import { SERVICE_POLICY_ENTITIES, SERVICE_POLICY_MIGRATIONS } from '@kaf/service-policy';
import { ESCALATIONS_ENTITIES, ESCALATIONS_MIGRATIONS } from '@kaf/escalations';
import { TICKETS_ENTITIES, TICKETS_MIGRATIONS } from '@kaf/tickets';
import { SERVICE_QUALITY_ENTITIES, SERVICE_QUALITY_MIGRATIONS } from '@kaf/service-quality';
import type { DataSourceOptions } from 'typeorm';

/** Every capability's tables and migrations, in dependency order. */
export const NODE_ENTITIES = [
  ...MESSAGING_ENTITIES,
  ...FEDERATION_ENTITIES,
  ...DOCUMENTS_ENTITIES,
  ...AUDIT_ENTITIES,
  ...ACCOUNT_MANAGERS_ENTITIES,
  ...GROUPS_ENTITIES,
  ...CUSTOMERS_ENTITIES,
  ...CONTACTS_ENTITIES,
  ...VISITS_ENTITIES,
  ...AGREEMENTS_ENTITIES,
  ...BILLING_ACCOUNTS_ENTITIES,
  ...BILLING_ENTITIES,
  ...BILLING_POLICY_ENTITIES,
  ...PROVINCE_USAGE_ENTITIES,
  ...NATIONAL_CUBE_ENTITIES,
  ...UPWARD_FIGURES_ENTITIES,
  ...ONE_STOP_ENTITIES,
  ...SERVICE_POLICY_ENTITIES,
  ...ESCALATIONS_ENTITIES,
  ...TICKETS_ENTITIES,
  ...SERVICE_QUALITY_ENTITIES,
];
export const NODE_MIGRATIONS = [
  ...MESSAGING_MIGRATIONS,
  ...FEDERATION_MIGRATIONS,
  ...DOCUMENTS_MIGRATIONS,
  ...AUDIT_MIGRATIONS,
  ...ACCOUNT_MANAGERS_MIGRATIONS,
  ...GROUPS_MIGRATIONS,
  ...CUSTOMERS_MIGRATIONS,
  ...CONTACTS_MIGRATIONS,
  ...VISITS_MIGRATIONS,
  ...AGREEMENTS_MIGRATIONS,
  ...BILLING_ACCOUNTS_MIGRATIONS,
  ...BILLING_MIGRATIONS,
  ...BILLING_POLICY_MIGRATIONS,
  ...PROVINCE_USAGE_MIGRATIONS,
  ...NATIONAL_CUBE_MIGRATIONS,
  ...UPWARD_FIGURES_MIGRATIONS,
  ...ONE_STOP_MIGRATIONS,
  ...SERVICE_POLICY_MIGRATIONS,
  ...ESCALATIONS_MIGRATIONS,
  ...TICKETS_MIGRATIONS,
  ...SERVICE_QUALITY_MIGRATIONS,
];

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
