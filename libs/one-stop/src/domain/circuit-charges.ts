import { MAX_BANDWIDTH_MBPS } from './circuit-products';

/** A node's price terms for one circuit product (its circuit tariff). */
export interface TariffTerms {
  oneTimeFen: bigint;
  monthlyBaseFen: bigint;
  monthlyPerMbpsFen: bigint;
  /** One-time charge of a bandwidth change of a circuit in service. */
  changeOneTimeFen: bigint;
  /** The widest circuit the node can provide for the product. */
  maxBandwidthMbps: number;
}

/** Largest figure a tariff may state: 10^13 fen (one hundred billion yuan). */
export const MAX_TARIFF_FEN = 10n ** 13n;
/**
 * Largest monthly charge a tariff may produce at its maximum bandwidth: 10^15 fen. Three segments'
 * charges then add up far inside int64 (the messages' and columns' type).
 */
export const MAX_MONTHLY_CHARGE_FEN = 10n ** 15n;

/** Whole fen as a decimal string without sign, decimals or leading zeros (0 allowed). */
export const WHOLE_FEN = /^(0|[1-9]\d{0,13})$/;

/** Why `value` is not a tariff figure in fen, or undefined when it is one. */
export function tariffFenProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a decimal string of whole fen, e.g. "250000"';
  if (!WHOLE_FEN.test(value)) {
    return 'must be a whole number of fen as a decimal string (no sign, decimals or leading zeros)';
  }
  if (BigInt(value) > MAX_TARIFF_FEN) return `must be at most ${MAX_TARIFF_FEN} fen`;
  return undefined;
}

/**
 * The charges of a circuit of `bandwidthMbps` under `terms`: monthly = base + per Mbps × bandwidth;
 * one-time, the installation charge for a new circuit (`add`) or the change charge for a
 * bandwidth change (`modify`).
 */
export function chargesFor(
  terms: TariffTerms,
  bandwidthMbps: number,
  action: 'add' | 'modify' = 'add',
): { oneTimeFen: bigint; monthlyFen: bigint } {
  return {
    oneTimeFen: action === 'modify' ? terms.changeOneTimeFen : terms.oneTimeFen,
    monthlyFen: terms.monthlyBaseFen + terms.monthlyPerMbpsFen * BigInt(bandwidthMbps),
  };
}

/** The field and reason a tariff's terms are unacceptable together, or undefined. */
export function tariffTermsProblem(terms: TariffTerms): { field: string; message: string } | undefined {
  for (const field of ['oneTimeFen', 'monthlyBaseFen', 'monthlyPerMbpsFen', 'changeOneTimeFen'] as const) {
    if (terms[field] < 0n || terms[field] > MAX_TARIFF_FEN) {
      return { field, message: `must be between 0 and ${MAX_TARIFF_FEN} fen` };
    }
  }
  if (
    !Number.isInteger(terms.maxBandwidthMbps) ||
    terms.maxBandwidthMbps < 1 ||
    terms.maxBandwidthMbps > MAX_BANDWIDTH_MBPS
  ) {
    return {
      field: 'maxBandwidthMbps',
      message: `must be a whole number between 1 and ${MAX_BANDWIDTH_MBPS}`,
    };
  }
  const widest = chargesFor(terms, terms.maxBandwidthMbps).monthlyFen;
  if (widest > MAX_MONTHLY_CHARGE_FEN) {
    return {
      field: 'monthlyPerMbpsFen',
      message: `the monthly charge at maxBandwidthMbps (${widest} fen) must be at most ${MAX_MONTHLY_CHARGE_FEN} fen`,
    };
  }
  return undefined;
}
