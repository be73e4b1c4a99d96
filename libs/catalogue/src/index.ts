// The product catalogue shared by every capability that names a product (agreements, billing,
// the cubes and analytics, one-stop). A leaf: it imports nothing of ours, so a city capability and
// a national one can both depend on it.
export * from './products';
