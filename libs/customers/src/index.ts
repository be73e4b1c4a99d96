// Key-account master data at the city node: the enterprise customer file, its lifecycle, and
// the read-only view provinces keep of their cities' customers.
export * from './customers.module';
export * from './customer-reports.module';
export { CustomerImportExportModule } from './import-export/customer-import-export.module';
export { CustomerDirectory, type CustomerRef } from './profile/customer-directory';
export { type CustomerStatusGuard, CustomerStatusGuards } from './lifecycle/customer-status-guards';
export {
  type ReportedAttribute,
  type ReportedCustomerChange,
  ReportedCustomerChanges,
  type ReportedCustomerListener,
} from './reports/reported-customer-changes';
export {
  ReportedCustomerDirectory,
  type ReportedCustomerAttributes,
  type ReportedCustomerRef,
} from './reports/reported-customer.directory';
export { CustomerEntity } from './profile/customer.entity';
export { CustomerView, CUSTOMER_VIEW_FIELDS, toCustomerView } from './profile/customer.view';
export { CreateCustomerDto } from './profile/create-customer.dto';
export { CustomerResyncs, type CustomerResyncListener } from './snapshots/customer-resyncs';
export {
  CustomerSnapshotPublisher,
  type SnapshotSource,
  toSnapshot,
} from './snapshots/customer-snapshot.publisher';
export {
  applyCustomerFilters,
  applyCustomerScope,
  CustomerFilterQuery,
  escapeLike,
  ListCustomersQuery,
} from './query/customer-query';
export { parseFields, parseSort, pickFields, type SortKey } from './query/list-options';
export * from './domain/customer-vocabulary';
export { STATUS_TRANSITIONS, statusChangeProblem } from './domain/customer-status';
export { CUSTOMERS_ENTITIES, CUSTOMERS_MIGRATIONS } from './persistence';
