import { INDUSTRY_SECTION_CODES } from '@kaf/business-codes';

/**
 * Product lines of the cube. The same catalogue codes as the city's billing ledger
 * (`BILLED_PRODUCTS` in @kaf/billing); kept here because billing depends on rollups (the policy),
 * so rollups may not depend on billing. A unit spec holds the two lists equal.
 */
export const CUBE_PRODUCTS = [
  'dedicated_internet',
  'mpls_vpn',
  'digital_circuit',
  'voice_trunk',
  'iot',
  'cloud',
  'sd_wan',
  'idc',
] as const;

/** The cube's all-products line: customer counts are not additive over products. */
export const ALL_PRODUCTS = '*';

/** "?": the customer's snapshot had not reached the province when the slice was computed. */
export const UNKNOWN_ATTRIBUTE = '?';
export const CUBE_GRADES = ['A', 'B', 'C', UNKNOWN_ATTRIBUTE] as const;
export const CUBE_INDUSTRIES = [...INDUSTRY_SECTION_CODES, UNKNOWN_ATTRIBUTE] as const;
export const VALUE_CLASSES = ['high_value', 'standard'] as const;

/** Dimensions a revenue query may group by, with the cube column each one reads. */
export const REVENUE_DIMENSIONS = {
  province: 'province_code',
  city: 'city_code',
  industry: 'industry',
  valueClass: 'value_class',
  grade: 'grade',
  product: 'product',
  month: 'billing_month',
} as const;
export type RevenueDimension = keyof typeof REVENUE_DIMENSIONS;
export const REVENUE_DIMENSION_NAMES = Object.keys(REVENUE_DIMENSIONS) as RevenueDimension[];

export const COMPARISONS = ['mom', 'yoy'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const REVENUE_SORTS = [
  'revenueFen',
  '-revenueFen',
  'eventCount',
  '-eventCount',
  'customerMonths',
  '-customerMonths',
  'arpuFen',
  '-arpuFen',
] as const;
export type RevenueSort = (typeof REVENUE_SORTS)[number];

/** The longest range one query may span. */
export const MAX_RANGE_MONTHS = 60;
