/**
 * The operator's product catalogue: the one list of product codes that agreements cover, billing
 * books usage under, the cubes count revenue by, and one-stop sells circuits of. Codes are
 * catalogue codes, not marketing names; a capability that accepts only part of the catalogue takes
 * a family of it (`productsOf`) rather than writing its own list.
 */
export const PRODUCT_FAMILIES = [
  'internet',
  'circuit',
  'communications',
  'cloud',
  'iot',
  'security',
] as const;
export type ProductFamily = (typeof PRODUCT_FAMILIES)[number];

interface CatalogueEntry {
  readonly code: string;
  readonly family: ProductFamily;
  readonly nameZh: string;
  readonly nameEn: string;
}

// Order is the catalogue's display order; a family's products keep it (one-stop sorts tariffs and
// SLAs by it).
export const PRODUCT_CATALOGUE = [
  {
    code: 'dedicated_internet',
    family: 'internet',
    nameZh: '互联网专线',
    nameEn: 'Dedicated internet access',
  },
  { code: 'sd_wan', family: 'internet', nameZh: 'SD-WAN 组网', nameEn: 'SD-WAN' },
  { code: 'digital_circuit', family: 'circuit', nameZh: '数字电路', nameEn: 'Digital circuit' },
  { code: 'ddn', family: 'circuit', nameZh: 'DDN 专线', nameEn: 'Digital data network line' },
  { code: 'mpls_vpn', family: 'circuit', nameZh: 'MPLS VPN 专线', nameEn: 'MPLS VPN' },
  { code: 'ethernet_private_line', family: 'circuit', nameZh: '以太网专线', nameEn: 'Ethernet private line' },
  { code: 'voice_trunk', family: 'communications', nameZh: '语音中继', nameEn: 'Voice trunk' },
  { code: 'sms', family: 'communications', nameZh: '行业短信', nameEn: 'Enterprise SMS' },
  { code: 'cloud', family: 'cloud', nameZh: '云服务', nameEn: 'Cloud services' },
  { code: 'idc', family: 'cloud', nameZh: 'IDC 机房托管', nameEn: 'Data centre hosting' },
  { code: 'cdn', family: 'cloud', nameZh: 'CDN 内容分发', nameEn: 'Content delivery network' },
  { code: 'iot', family: 'iot', nameZh: '物联网', nameEn: 'IoT connectivity' },
  { code: 'security', family: 'security', nameZh: '网络安全服务', nameEn: 'Security services' },
] as const satisfies readonly CatalogueEntry[];

type Entry = (typeof PRODUCT_CATALOGUE)[number];
export type ProductCode = Entry['code'];
export type ProductOfFamily<F extends ProductFamily> = Extract<Entry, { family: F }>['code'];

/** Every code of the catalogue, in catalogue order. */
export const PRODUCT_CODES: readonly ProductCode[] = PRODUCT_CATALOGUE.map((p) => p.code);

const CODES: ReadonlySet<string> = new Set(PRODUCT_CODES);

export function isProductCode(value: unknown): value is ProductCode {
  return typeof value === 'string' && CODES.has(value);
}

/** The codes of one family, in catalogue order. */
export function productsOf<F extends ProductFamily>(family: F): readonly ProductOfFamily<F>[] {
  // The filter keeps exactly the entries of `family`, which TypeScript cannot follow through a
  // generic predicate.
  return PRODUCT_CATALOGUE.filter((p) => p.family === family).map((p) => p.code) as ProductOfFamily<F>[];
}

/** The catalogue entry of `code`: its family and display names. */
export function productEntry(code: ProductCode): Entry {
  // Every ProductCode is in the catalogue, so the lookup cannot miss.
  return PRODUCT_CATALOGUE.find((p) => p.code === code) as Entry;
}
