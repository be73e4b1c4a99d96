import { PRODUCT_CATALOGUE, PRODUCT_CODES, isProductCode, productEntry, productsOf } from './products';

describe('product catalogue', () => {
  it('lists each code once, in snake_case, with both display names', () => {
    expect(new Set(PRODUCT_CODES).size).toBe(PRODUCT_CODES.length);
    for (const p of PRODUCT_CATALOGUE) {
      expect(p.code).toMatch(/^[a-z][a-z_]*$/);
      expect(p.nameZh.length).toBeGreaterThan(0);
      expect(p.nameEn.length).toBeGreaterThan(0);
    }
  });

  it('sells every circuit one-stop knows, in the order one-stop sorts them', () => {
    expect(productsOf('circuit')).toEqual(['digital_circuit', 'ddn', 'mpls_vpn', 'ethernet_private_line']);
  });

  it('puts every code in exactly one family', () => {
    const families = [...new Set(PRODUCT_CATALOGUE.map((p) => p.family))];
    expect(families.flatMap((f) => productsOf(f)).sort()).toEqual([...PRODUCT_CODES].sort());
  });

  it('recognises catalogue codes only', () => {
    expect(isProductCode('ddn')).toBe(true);
    expect(isProductCode('telegraph')).toBe(false);
    expect(isProductCode('DDN')).toBe(false);
    expect(isProductCode(undefined)).toBe(false);
    expect(productEntry('ethernet_private_line')).toMatchObject({ family: 'circuit', nameZh: '以太网专线' });
  });
});
