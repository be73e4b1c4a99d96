import { maskEmail, maskIdNumber, maskMobile } from './personal-data-masking';

describe('personal data masking', () => {
  it('keeps the first and last four characters of an ID number', () => {
    expect(maskIdNumber('44030519850615123X')).toBe('4403**********123X');
    expect(maskIdNumber('44030519850615123X')).toHaveLength(18);
  });

  it('keeps the prefix and last four digits of a mobile number', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
  });

  it('keeps the first character and the domain of an email address', () => {
    expect(maskEmail('zhang.wei@example.com')).toBe('z***@example.com');
    expect(maskEmail('not-an-email')).toBe('***');
  });

  it('hides short values entirely rather than revealing most of them', () => {
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskMobile('12345')).toBe('*****');
  });
});
