/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (digits and
 * upper-case letters without I, O, S, V, Z):
 *
 *   1      registration authority (e.g. 9 = administration for industry and commerce)
 *   2      organisation type under that authority
 *   3–8    administrative division code of the registering authority (GB/T 2260, digits)
 *   9–17   organisation code (GB 11714)
 *   18     check character: weighted sum of 1–17 modulo 31
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type CreditCodeProblem = 'length' | 'characters' | 'check-character';

/** The check character the first 17 characters call for. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) throw new RangeError(`character ${i + 1} of ${first17} is not allowed`);
    sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check]!;
}

/** Why `code` is not a valid unified social credit code, or undefined when it is. */
export function creditCodeProblem(code: string): CreditCodeProblem | undefined {
  if (code.length !== 18) return 'length';
  if (!SHAPE.test(code)) return 'characters';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? undefined : 'check-character';
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === undefined;
}

/** The GB/T 2260 division code of the authority that issued the code (characters 3–8). */
export function creditCodeDivision(code: string): string {
  return code.slice(2, 8);
}
