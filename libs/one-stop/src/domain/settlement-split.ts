import type { OneStopPolicy, SettlementOverrideRule } from '../policy/one-stop-policy.reader';
import type { CircuitProduct } from './circuit-products';
import type { SegmentRole } from './segment-roles';

/** Basis points of a whole monthly charge. */
export const FULL_SHARE_BP = 10_000;

/** What the split needs to know of a completed circuit. */
export interface SettledCircuit {
  product: CircuitProduct;
  aEndProvince: string;
  zEndProvince: string;
  /** Node carrying the transit segment (a province or `CN`); undefined when both ends are in one city. */
  transitNode: string | undefined;
}

/** One region's part of a circuit, by the role it plays. */
export interface RoleShare {
  role: SegmentRole;
  /** The A-end or Z-end province, or the transit node. */
  regionCode: string;
  shareBp: number;
}

export interface SettlementLine extends RoleShare {
  amountFen: bigint;
}

/** Where a circuit's shares came from. */
export type ShareSource = { kind: 'default' } | { kind: 'override'; index: number; mirrored: boolean };

/**
 * The shares of a circuit's monthly charge under `policy` (ADR 0022): the most specific matching
 * override, else the default — the transit carrier keeps `transitShareBp` when there is a transit
 * segment and the A-end and Z-end split the rest equally (the odd basis point to the A-end); no
 * transit: 50/50. Shares are listed A-end, Z-end, transit and always sum to 10,000.
 */
export function sharesOf(
  policy: Pick<OneStopPolicy, 'transitShareBp' | 'overrides'>,
  circuit: SettledCircuit,
): { shares: RoleShare[]; source: ShareSource } {
  const match = matchingOverride(policy.overrides, circuit);
  let bp: { a: number; z: number; t: number };
  if (match) {
    const { rule, mirrored } = match;
    checkBasisPoints([rule.aEndBp, rule.zEndBp, rule.transitBp], `override ${match.index}`);
    bp = mirrored
      ? { a: rule.zEndBp, z: rule.aEndBp, t: rule.transitBp }
      : { a: rule.aEndBp, z: rule.zEndBp, t: rule.transitBp };
  } else {
    checkBasisPoints([policy.transitShareBp, FULL_SHARE_BP - policy.transitShareBp], 'transitShareBp');
    const t = circuit.transitNode ? policy.transitShareBp : 0;
    const ends = FULL_SHARE_BP - t;
    bp = { a: Math.ceil(ends / 2), z: Math.floor(ends / 2), t };
  }
  if (!circuit.transitNode && bp.t > 0) {
    // An override written for circuits with a transit segment, met by one without: the ends
    // carry the whole circuit, so they take the transit share half each.
    bp = { a: bp.a + Math.ceil(bp.t / 2), z: bp.z + Math.floor(bp.t / 2), t: 0 };
  }
  const shares: RoleShare[] = [
    { role: 'a_end', regionCode: circuit.aEndProvince, shareBp: bp.a },
    { role: 'z_end', regionCode: circuit.zEndProvince, shareBp: bp.z },
  ];
  if (circuit.transitNode) shares.push({ role: 'transit', regionCode: circuit.transitNode, shareBp: bp.t });
  const source: ShareSource = match
    ? { kind: 'override', index: match.index, mirrored: match.mirrored }
    : { kind: 'default' };
  return { shares, source };
}

/**
 * Splits `chargeFen` by basis points into whole fen by the largest remainder: each share gets the
 * floor of its exact part, and the fen left over go one each to the shares with the largest
 * remainders, ties to the share listed first. The amounts sum to `chargeFen` exactly.
 */
export function splitCharge(chargeFen: bigint, shares: readonly RoleShare[]): SettlementLine[] {
  if (chargeFen < 0n) throw new RangeError(`a monthly charge cannot be negative: ${chargeFen}`);
  checkBasisPoints(
    shares.map((s) => s.shareBp),
    'shares',
  );
  const full = BigInt(FULL_SHARE_BP);
  const parts = shares.map((s, i) => {
    const exact = chargeFen * BigInt(s.shareBp);
    return { i, floor: exact / full, remainder: exact % full };
  });
  let left = chargeFen - parts.reduce((sum, p) => sum + p.floor, 0n);
  const byRemainder = [...parts].sort((x, y) =>
    x.remainder === y.remainder ? x.i - y.i : x.remainder > y.remainder ? -1 : 1,
  );
  const extra = new Set<number>();
  for (const p of byRemainder) {
    if (left === 0n) break;
    extra.add(p.i);
    left -= 1n;
  }
  return shares.map((s, i) => ({ ...s, amountFen: parts[i]!.floor + (extra.has(i) ? 1n : 0n) }));
}

/** The settlement lines of one circuit for one month under `policy`. */
export function settleCircuit(
  policy: Pick<OneStopPolicy, 'transitShareBp' | 'overrides'>,
  circuit: SettledCircuit,
  monthlyChargeFen: bigint,
): SettlementLine[] {
  return splitCharge(monthlyChargeFen, sharesOf(policy, circuit).shares);
}

/**
 * The override that applies to `circuit`, if any. An override names provinces as "one end here,
 * the other there", so it also matches the circuit drawn the other way round (its A-end and
 * Z-end shares swapped). Most specific wins: each province named counts 2, a product 1, so
 * product + provinces > provinces > product; on a tie the override listed first wins, and within
 * one override the direction as written before the mirrored one.
 */
function matchingOverride(
  overrides: readonly SettlementOverrideRule[],
  circuit: SettledCircuit,
): { rule: SettlementOverrideRule; index: number; mirrored: boolean } | undefined {
  let best: { rule: SettlementOverrideRule; index: number; mirrored: boolean; rank: number } | undefined;
  overrides.forEach((rule, index) => {
    if (rule.product !== undefined && rule.product !== circuit.product) return;
    for (const mirrored of [false, true]) {
      const a = mirrored ? rule.zEndProvince : rule.aEndProvince;
      const z = mirrored ? rule.aEndProvince : rule.zEndProvince;
      if (a !== undefined && a !== circuit.aEndProvince) continue;
      if (z !== undefined && z !== circuit.zEndProvince) continue;
      const rank =
        (a !== undefined ? 2 : 0) + (z !== undefined ? 2 : 0) + (rule.product !== undefined ? 1 : 0);
      if (!best || rank > best.rank) best = { rule, index, mirrored, rank };
    }
  });
  return best && { rule: best.rule, index: best.index, mirrored: best.mirrored };
}

function checkBasisPoints(values: readonly number[], what: string): void {
  const valid = values.every((v) => Number.isInteger(v) && v >= 0 && v <= FULL_SHARE_BP);
  const sum = values.reduce((s, v) => s + v, 0);
  if (!valid || sum !== FULL_SHARE_BP) {
    throw new RangeError(
      `${what}: basis points must be whole, 0…10000 and sum to 10000, got ${values.join('+')}`,
    );
  }
}
