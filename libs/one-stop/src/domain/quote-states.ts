import type { SegmentRole } from './segment-roles';

/**
 * A circuit quote at the home city:
 * requested (asked every segment node) → quoted (every node can, totals known) | infeasible
 * (a node cannot, with its reason); quoted → accepted (the customer agreed) → ordered (a circuit
 * order took it over). A quoted or accepted quote past its validUntil can no longer be accepted
 * or ordered.
 */
export const QUOTE_STATES = ['requested', 'quoted', 'infeasible', 'accepted', 'ordered'] as const;
export type QuoteState = (typeof QUOTE_STATES)[number];

/** TMF641 actions a quote prices: a new circuit, or a bandwidth change of one in service. */
export const QUOTE_ACTIONS = ['add', 'modify'] as const;
export type QuoteAction = (typeof QUOTE_ACTIONS)[number];

/** One segment node's answer, as the quote records it (feasible undefined: not answered yet). */
export interface QuoteLineAnswer {
  role: SegmentRole;
  nodeCode: string;
  feasible: boolean | null;
  reason: string | null;
  oneTimeFen: bigint | null;
  monthlyFen: bigint | null;
}

export type QuoteOutcome =
  | { state: 'requested' }
  | { state: 'quoted'; oneTimeTotalFen: bigint; monthlyTotalFen: bigint }
  | { state: 'infeasible'; reason: string };

/** What the lines add up to: still waiting, quoted with the sums, or infeasible with every reason. */
export function quoteOutcome(lines: readonly QuoteLineAnswer[]): QuoteOutcome {
  if (lines.length === 0 || lines.some((l) => l.feasible === null)) return { state: 'requested' };
  const refused = lines.filter((l) => l.feasible === false);
  if (refused.length > 0) {
    return {
      state: 'infeasible',
      reason: refused.map((l) => `${l.role} ${l.nodeCode}: ${l.reason ?? 'not feasible'}`).join('; '),
    };
  }
  return {
    state: 'quoted',
    oneTimeTotalFen: lines.reduce((sum, l) => sum + (l.oneTimeFen ?? 0n), 0n),
    monthlyTotalFen: lines.reduce((sum, l) => sum + (l.monthlyFen ?? 0n), 0n),
  };
}

/** True when a quote could still be accepted or ordered but its validity has run out. */
export function isQuoteExpired(
  quote: { state: QuoteState; validUntil: Date | null },
  now: Date = new Date(),
): boolean {
  return (
    (quote.state === 'quoted' || quote.state === 'accepted') &&
    quote.validUntil !== null &&
    quote.validUntil.getTime() <= now.getTime()
  );
}

/**
 * Why a quote whose answer time ran out is infeasible: every line that did not answer in time
 * (its role and node) and every line that refused, in line order. Undefined when every line
 * answered (the last answer settled the quote then).
 */
export function timedOutReason(lines: readonly QuoteLineAnswer[], replySeconds: number): string | undefined {
  if (!lines.some((l) => l.feasible === null)) return undefined;
  return lines
    .filter((l) => l.feasible !== true)
    .map(
      (l) =>
        `${l.role} ${l.nodeCode}: ${l.feasible === null ? `no answer within ${replySeconds} s` : (l.reason ?? 'not feasible')}`,
    )
    .join('; ');
}
