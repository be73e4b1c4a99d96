// Documents an issuing tier publishes downward: versions, replicas, relays, resync and receipts.
export * from './document-definition';
export { DocumentCatalog, type ChangeListener } from './document-catalog';
export {
  DocumentPublisher,
  type IssuedVersion,
  type NewVersion,
  type Withdrawal,
} from './document.publisher';
export { DocumentReplicas } from './document-replicas';
export { DocumentResync, type ResyncRequested } from './document-resync';
export * from './documents.module';
export * from './api/policy-provenance.view';
export { DOCUMENTS_ENTITIES, DOCUMENTS_MIGRATIONS } from './persistence';
