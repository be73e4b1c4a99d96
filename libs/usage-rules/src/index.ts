// Rules that turn a customer's monthly revenue into signals (value class, churn risk, ARPU), used
// alike by the city's usage insights and by the province and national cubes and analytics, and usage
// as a measure reported upward. A leaf: it imports nothing of ours, so billing (city) reaches it
// without importing a province lib. The policy thresholds come in as plain values; where
// they are published is not its concern.
export * from './value-class';
export * from './churn-risk';
export * from './money-math';
export * from './usage-measure';
export * from './arrears-measure';
export * from './service-quality-measure';
