/** Largest charge an order may state: 10^13 fen (one hundred billion yuan). */
export const MAX_CHARGE_FEN = 10n ** 13n;

const WHOLE_FEN = /^(0|[1-9]\d{0,29})$/;

/**
 * Why `value` is not a charge in fen, or undefined when it is one. Money travels as a decimal
 * string of whole fen, as elsewhere in the API: a JSON number would lose precision past 2^53 and
 * invite yuan with decimals. A one-time charge may be waived (0); a monthly charge may not.
 */
export function chargeProblem(value: unknown, minimum: 0n | 1n): string | undefined {
  if (typeof value !== 'string') return 'must be a decimal string of whole fen, e.g. "1250000"';
  if (!WHOLE_FEN.test(value)) {
    return 'must be a whole number of fen as a decimal string (no sign, decimals or leading zeros)';
  }
  const fen = BigInt(value);
  if (fen < minimum) return `must be at least ${minimum} fen`;
  if (fen > MAX_CHARGE_FEN) return `must be at most ${MAX_CHARGE_FEN} fen`;
  return undefined;
}
