/** The operator's product lines an agreement can cover (catalogue codes, not marketing names). */
export const PRODUCT_CATALOGUE = [
  'dedicated_internet',
  'mpls_vpn',
  'sd_wan',
  'idc',
  'cloud',
  'iot',
  'voice_trunk',
  'sms',
  'cdn',
  'security',
] as const;
export type ProductCode = (typeof PRODUCT_CATALOGUE)[number];

export function isProductCode(value: unknown): value is ProductCode {
  return typeof value === 'string' && (PRODUCT_CATALOGUE as readonly string[]).includes(value);
}
