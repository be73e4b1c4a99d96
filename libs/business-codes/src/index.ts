// National standard codes that describe an enterprise, shared by every capability that records
// one (customers, the group registry, imports): GB 32100 unified social credit codes and
// GB/T 4754 industry sections. A leaf: it imports nothing of ours.
export * from './industry-section';
export * from './unified-social-credit-code';
