import {
  creditCodeCheckCharacter,
  creditCodeDivision,
  creditCodeProblem,
  isValidCreditCode,
} from './unified-social-credit-code';

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(['91350100M000100Y43', '91110000600037341L', '91440300708461136T'])('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeUndefined();
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('computes the check character from the first 17 characters', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('91110000600037341')).toBe('L');
  });

  it('maps a remainder of 0 to the character 0', () => {
    // Find a body whose weighted sum is a multiple of 31 by varying the last character.
    const body = '9144030070846113';
    const last = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].find(
      (c) => creditCodeCheckCharacter(body + c) === '0',
    );
    expect(last).toBeDefined();
    expect(isValidCreditCode(`${body}${last}0`)).toBe(true);
  });

  it.each([
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y431', 'length'],
    ['91350100M000100Y4I', 'characters'], // I is not in the alphabet
    ['9135010OM000100Y43', 'characters'], // a letter in the division code
    ['91350100m000100y43', 'characters'], // lower case
    ['91350100M000100Y44', 'check-character'],
    ['91110000600037341X', 'check-character'],
  ])('rejects %s (%s)', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });

  it('reads the issuing division', () => {
    expect(creditCodeDivision('91440300708461136T')).toBe('440300');
  });
});
