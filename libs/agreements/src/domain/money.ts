/** Largest monthly value an agreement may state: 10^13 fen (one hundred billion yuan). */
export const MAX_MONTHLY_VALUE_FEN = 10n ** 13n;

const WHOLE_FEN = /^[1-9]\d{0,29}$/;

/**
 * Why `value` is not a monthly value in fen, or undefined when it is one. Money travels as a
 * decimal string of whole fen: a JSON number would lose precision past 2^53 and invite yuan with
 * decimals.
 */
export function fenProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a decimal string of whole fen, e.g. "1250000"';
  if (!WHOLE_FEN.test(value)) {
    return 'must be a positive whole number of fen as a decimal string (no sign, decimals or leading zeros)';
  }
  if (BigInt(value) > MAX_MONTHLY_VALUE_FEN) return `must be at most ${MAX_MONTHLY_VALUE_FEN} fen`;
  return undefined;
}

/** The amount in fen; throws on anything `fenProblem` refuses. */
export function parseFen(value: unknown): bigint {
  const problem = fenProblem(value);
  if (problem) throw new RangeError(`monthly value ${String(value)}: ${problem}`);
  return BigInt(value as string);
}
