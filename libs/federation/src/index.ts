export * from './federation.module';
export * from './node-identity';
export * from './senders/federated-handlers';
export { type SenderRule } from './senders/sender-rules';
export * from './status/child-status.entity';
export * from './topology/topology';
export { FEDERATION_ENTITIES, FEDERATION_MIGRATIONS } from './persistence';
