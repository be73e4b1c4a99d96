// The billing policy: set by HQ, overridable by a province for its cities, published downward, read everywhere through one reader.
export * from './billing-policy.document';
export * from './billing-policy.module';
export * from './billing-policy.reader';
export { changesValueClasses } from './billing-policy.rules';
export { BILLING_POLICY_ENTITIES, BILLING_POLICY_MIGRATIONS } from './persistence';
