import { INDUSTRY_SECTION_CODES, isIndustrySection } from './industry-section';

describe('GB/T 4754-2017 industry sections', () => {
  it('has the twenty sections A to T', () => {
    expect(INDUSTRY_SECTION_CODES.join('')).toBe('ABCDEFGHIJKLMNOPQRST');
  });

  it.each(['A', 'I', 'T'])('accepts %s', (code) => expect(isIndustrySection(code)).toBe(true));

  it.each(['U', 'a', 'AB', '', 'toString', 7, null])('rejects %p', (code) =>
    expect(isIndustrySection(code)).toBe(false),
  );
});
