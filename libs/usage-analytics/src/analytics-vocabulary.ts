import { INDUSTRY_SECTION_CODES } from '@kaf/business-codes';
import { PRODUCT_CODES } from '@kaf/catalogue';
import { UNKNOWN_ATTRIBUTE } from '@kaf/province-usage';

export { ALL_PRODUCTS, UNKNOWN_ATTRIBUTE } from '@kaf/province-usage';
export { VALUE_CLASSES } from '@kaf/usage-rules';

/**
 * Product lines of the cube: the whole catalogue, since the cube counts whatever the cities' ledgers
 * book, and they book every product the operator sells (one-stop circuits included).
 */
export const CUBE_PRODUCTS = PRODUCT_CODES;

export const CUBE_GRADES = ['A', 'B', 'C', UNKNOWN_ATTRIBUTE] as const;
export const CUBE_INDUSTRIES = [...INDUSTRY_SECTION_CODES, UNKNOWN_ATTRIBUTE] as const;

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

export { COMPARISONS, type Comparison } from '@kaf/platform';

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

export { MAX_RANGE_MONTHS } from '@kaf/platform';

/** Dimensions an arrears query may group by, with the column of `arrears_rollup_cell` each one reads. */
export const ARREARS_DIMENSIONS = {
  province: 'province_code',
  city: 'city_code',
  industry: 'industry',
  grade: 'grade',
  month: 'billing_month',
} as const;
export type ArrearsDimension = keyof typeof ARREARS_DIMENSIONS;
export const ARREARS_DIMENSION_NAMES = Object.keys(ARREARS_DIMENSIONS) as ArrearsDimension[];
