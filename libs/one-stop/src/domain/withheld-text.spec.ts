import { WITHHELD, withholdPersonalData } from './withheld-text';

describe('withholdPersonalData', () => {
  it('withholds phone numbers, ID numbers and e-mail addresses', () => {
    expect(withholdPersonalData('等待进场，请联系李工 139-1234-5678')).toBe(
      `等待进场，请联系李工 ${WITHHELD}`,
    );
    expect(withholdPersonalData('证件 44030519850612123X 已核')).toBe(`证件 ${WITHHELD} 已核`);
    expect(withholdPersonalData('mail li.gong@example.com.cn today')).toBe(`mail ${WITHHELD} today`);
    expect(withholdPersonalData('固话 0755 2345 6789')).toBe(`固话 ${WITHHELD}`);
  });

  it('keeps what is business: short numbers, dates, bandwidths, circuit ids', () => {
    const text = 'z_end at 330100: no fibre to building 12, 2026-12-31, 100 Mbps, CKT-330100-7A3F';
    expect(withholdPersonalData(text)).toBe(text);
  });
});
