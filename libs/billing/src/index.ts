// Usage and revenue from upstream billing systems, at the city node.
export * from './billing.module';
export { BILLED_PRODUCTS, type BilledProduct } from './domain/billed-products';
export { FIRST_BILLING_MONTH, latestBookableMonth } from './domain/bookable-months';
export { billingUsageConsumerGroup, billingUsageTopic } from './kafka-door/billing-usage-topic';
export { MAX_EVENTS_PER_MESSAGE } from './kafka-door/read-cloud-events';
export { USAGE_EVENT_TYPE } from './ledger/usage-event.kind';
export { BILLING_ENTITIES, BILLING_MIGRATIONS } from './persistence';
export { ProvinceBillingDoorModule } from './province-door/province-billing-door.module';
