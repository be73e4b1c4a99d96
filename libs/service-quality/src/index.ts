export * from './service-quality.module';
export { SERVICE_QUALITY_ENTITIES, SERVICE_QUALITY_MIGRATIONS } from './persistence';
