export * from './federation.module';
export * from './node-identity';
export * from './status/child-status.entity';
export * from './topology/topology';
export { FEDERATION_ENTITIES, FEDERATION_MIGRATIONS } from './persistence';
