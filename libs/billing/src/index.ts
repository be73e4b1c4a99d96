// Usage and revenue from upstream billing systems, at the city node.
export * from './billing.module';
export { BILLED_PRODUCTS, type BilledProduct } from './domain/billed-products';
export { BILLING_ENTITIES, BILLING_MIGRATIONS } from './persistence';
