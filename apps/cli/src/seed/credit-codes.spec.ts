import { creditCodeDivision, isValidCreditCode } from '@kaf/business-codes';
import { demoCreditCode } from './credit-codes';
import { createRng } from './prng';

describe('demo credit codes', () => {
  it('are valid GB 32100 enterprise codes of the given division', () => {
    const rng = createRng('codes');
    for (let i = 0; i < 1000; i++) {
      const code = demoCreditCode(rng, '440300');
      expect(isValidCreditCode(code)).toBe(true);
      expect(code.startsWith('91')).toBe(true);
      expect(creditCodeDivision(code)).toBe('440300');
    }
  });

  it('carry a valid GB 11714 organisation code check character', () => {
    const values = (s: string): number[] =>
      [...s].map((ch) => (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55));
    const rng = createRng('org');
    for (let i = 0; i < 200; i++) {
      const org = demoCreditCode(rng, '330100').slice(8, 17);
      const sum = values(org.slice(0, 8)).reduce((s, v, k) => s + v * [3, 7, 9, 10, 5, 8, 4, 2][k]!, 0);
      const check = org[8] === 'X' ? 10 : Number(org[8]);
      expect((sum + check) % 11).toBe(0);
    }
  });

  it('depend only on the generator', () => {
    expect(demoCreditCode(createRng('x'), '440100')).toBe(demoCreditCode(createRng('x'), '440100'));
  });

  it('refuse a malformed division', () => {
    expect(() => demoCreditCode(createRng('x'), '4403')).toThrow(RangeError);
  });
});
