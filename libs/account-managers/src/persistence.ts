import { AccountManagerEntity } from './account-manager.entity';
import { CreateAccountManager1795457103221 } from './migrations/1795457103221-CreateAccountManager';

/** Tables owned by the account-managers capability, for the node's DataSource. */
export const ACCOUNT_MANAGERS_ENTITIES = [AccountManagerEntity];
export const ACCOUNT_MANAGERS_MIGRATIONS = [CreateAccountManager1795457103221];
