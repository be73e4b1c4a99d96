export * from './escalations.module';
export { ESCALATIONS_ENTITIES, ESCALATIONS_MIGRATIONS } from './persistence';
