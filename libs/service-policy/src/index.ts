export * from './service-policy.module';
export { SERVICE_POLICY_ENTITIES, SERVICE_POLICY_MIGRATIONS } from './persistence';
