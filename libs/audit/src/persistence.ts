import { AuditEntryEntity } from './audit-entry.entity';
import { CreateAuditLog1795456709089 } from './migrations/1795456709089-CreateAuditLog';

/** Tables owned by the audit capability, for the node's DataSource. */
export const AUDIT_ENTITIES = [AuditEntryEntity];
export const AUDIT_MIGRATIONS = [CreateAuditLog1795456709089];
