import { creditCodeCheckCharacter } from '@kaf/business-codes';
import type { Rng } from './prng';

const DIGITS = [...'0123456789'];
const ORG_CODE_ALPHABET = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 11714 check character of an 8-character organisation code body. */
function organisationCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body[i]!;
    // Letters count from 10 (A) in GB 11714.
    const value = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += value * ORG_CODE_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * A well-formed unified social credit code (GB 32100) of an enterprise (`91`) registered in
 * `division` (GB/T 2260), with a valid organisation code and check character. Fictitious: drawn
 * from the generator, not looked up.
 */
export function demoCreditCode(rng: Rng, division: string): string {
  if (!/^\d{6}$/.test(division)) throw new RangeError(`division must be 6 digits, got ${division}`);
  let body = '';
  for (let i = 0; i < 8; i++) {
    body += rng.pick(i < 2 ? DIGITS : ORG_CODE_ALPHABET);
  }
  const first17 = `91${division}${body}${organisationCheckCharacter(body)}`;
  return first17 + creditCodeCheckCharacter(first17);
}
