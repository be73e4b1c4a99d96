export * from './audit.module';
export * from './audit-trail';
export { AUDIT_ENTITIES, AUDIT_MIGRATIONS } from './persistence';
