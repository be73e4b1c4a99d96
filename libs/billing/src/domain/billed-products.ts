/** Product lines upstream billing systems report usage for (catalogue codes, not marketing names). */
export const BILLED_PRODUCTS = [
  'dedicated_internet',
  'mpls_vpn',
  'digital_circuit',
  'voice_trunk',
  'iot',
  'cloud',
  'sd_wan',
  'idc',
] as const;
export type BilledProduct = (typeof BILLED_PRODUCTS)[number];
