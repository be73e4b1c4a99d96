import { CustomerContactEntity } from './customer-contact.entity';
import { CreateCustomerContact1795457584401 } from './migrations/1795457584401-CreateCustomerContact';

/** Tables owned by the contacts capability, for the node's DataSource. */
export const CONTACTS_ENTITIES = [CustomerContactEntity];
export const CONTACTS_MIGRATIONS = [CreateCustomerContact1795457584401];
