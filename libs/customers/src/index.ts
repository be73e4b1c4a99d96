// Key-account master data at the city node. The domain rules come first; the customer file,
// contacts, account managers and contracts build on them.
export * from './domain/industry-section';
export * from './domain/unified-social-credit-code';
