import type { FieldError } from '@kaf/platform';
import { CIRCUIT_PRODUCTS, isCircuitProduct } from '../domain/circuit-products';
import type { OneStopPolicy, SegmentSlaRule, SettlementOverrideRule } from './one-stop-policy.reader';

/** A segment SLA lies between one minute and a year. */
export const MIN_SLA_SECONDS = 60;
export const MAX_SLA_SECONDS = 365 * 24 * 3600;
/** Shares are basis points of the monthly charge: an override's shares sum to exactly this. */
export const WHOLE_SHARE_BP = 10_000;
/** Quote answers are due within five seconds (drills) … seven days. */
export const MIN_QUOTE_REPLY_SECONDS = 5;
export const MAX_QUOTE_REPLY_SECONDS = 7 * 24 * 3600;

/** The content of a policy, without its version stamp. */
export type OneStopPolicyContent = Pick<
  OneStopPolicy,
  'slas' | 'transitShareBp' | 'overrides' | 'quoteReplySeconds'
>;

const isBp = (n: number) => Number.isInteger(n) && n >= 0 && n <= WHOLE_SHARE_BP;
const isSlaSeconds = (n: number) => Number.isInteger(n) && n >= MIN_SLA_SECONDS && n <= MAX_SLA_SECONDS;

/**
 * Every reason `policy` cannot be the national one-stop policy, each naming its field as the PUT
 * body spells it (`slas.1.product`, `overrides.0.aEndProvince`): every product's SLA exactly
 * once, seconds within [1 minute, 1 year], shares in basis points, overrides for known products
 * and provinces, their shares summing to 10,000, no two for the same circuits.
 */
export function policyProblems(policy: OneStopPolicyContent, provinces: ReadonlySet<string>): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Map<string, number>();
  policy.slas.forEach((sla, i) => {
    if (!isCircuitProduct(sla.product)) {
      problems.push({ field: `slas.${i}.product`, message: `must be one of ${CIRCUIT_PRODUCTS.join(', ')}` });
    } else if (seen.has(sla.product)) {
      problems.push({
        field: `slas.${i}.product`,
        message: `${sla.product} is already given at slas.${seen.get(sla.product)}`,
      });
    } else {
      seen.set(sla.product, i);
    }
    for (const field of ['endSegmentSeconds', 'transitSegmentSeconds'] as const) {
      if (!isSlaSeconds(sla[field])) {
        problems.push({
          field: `slas.${i}.${field}`,
          message: `must be a whole number of seconds from ${MIN_SLA_SECONDS} to ${MAX_SLA_SECONDS} (365 days)`,
        });
      }
    }
  });
  const missing = CIRCUIT_PRODUCTS.filter((p) => !seen.has(p));
  if (missing.length > 0) {
    problems.push({
      field: 'slas',
      message: `must give the SLA of every product; missing: ${missing.join(', ')}`,
    });
  }
  const reply = policy.quoteReplySeconds;
  if (!Number.isInteger(reply) || reply < MIN_QUOTE_REPLY_SECONDS || reply > MAX_QUOTE_REPLY_SECONDS) {
    problems.push({
      field: 'quoteReplySeconds',
      message: `must be a whole number of seconds from ${MIN_QUOTE_REPLY_SECONDS} to ${MAX_QUOTE_REPLY_SECONDS} (7 days)`,
    });
  }
  if (!isBp(policy.transitShareBp)) {
    problems.push({
      field: 'transitShareBp',
      message: `must be whole basis points from 0 to ${WHOLE_SHARE_BP}`,
    });
  }
  const keys = new Map<string, number>();
  policy.overrides.forEach((o, i) => {
    const at = `overrides.${i}`;
    if (o.product !== undefined && !isCircuitProduct(o.product)) {
      problems.push({
        field: `${at}.product`,
        message: `must be one of ${CIRCUIT_PRODUCTS.join(', ')}, or absent for any product`,
      });
    }
    for (const field of ['aEndProvince', 'zEndProvince'] as const) {
      const code = o[field];
      if (code !== undefined && !provinces.has(code)) {
        problems.push({ field: `${at}.${field}`, message: `${code} is not a province of the federation` });
      }
    }
    const shares = [o.aEndBp, o.zEndBp, o.transitBp];
    (['aEndBp', 'zEndBp', 'transitBp'] as const).forEach((field, k) => {
      if (!isBp(shares[k]!)) {
        problems.push({
          field: `${at}.${field}`,
          message: `must be whole basis points from 0 to ${WHOLE_SHARE_BP}`,
        });
      }
    });
    const sum = shares.reduce((a, b) => a + b, 0);
    if (shares.every(isBp) && sum !== WHOLE_SHARE_BP) {
      problems.push({
        field: at,
        message: `aEndBp + zEndBp + transitBp must sum to ${WHOLE_SHARE_BP}, not ${sum}`,
      });
    }
    const key = overrideKey(o);
    if (keys.has(key)) {
      problems.push({ field: at, message: `overrides.${keys.get(key)} already covers the same circuits` });
    } else {
      keys.set(key, i);
    }
  });
  return problems;
}

/**
 * The circuits an override matches. The settlement split matches an override in both directions
 * (ADR 0022), so the province pair is unordered: Guangdong→Zhejiang and Zhejiang→Guangdong, or
 * "A-end Guangdong" and "Z-end Guangdong", cover the same circuits, and the one listed later
 * would never apply.
 */
function overrideKey(o: SettlementOverrideRule): string {
  const ends = [o.aEndProvince ?? '*', o.zEndProvince ?? '*'].sort();
  return [o.product ?? '*', ...ends].join('|');
}

/** The content in a canonical form: SLAs in catalogue order, absent override fields left out. */
export function canonicalPolicy(policy: OneStopPolicyContent): OneStopPolicyContent {
  const order = (s: SegmentSlaRule) => CIRCUIT_PRODUCTS.indexOf(s.product);
  return {
    slas: [...policy.slas]
      .sort((a, b) => order(a) - order(b))
      .map((s) => ({
        product: s.product,
        endSegmentSeconds: s.endSegmentSeconds,
        transitSegmentSeconds: s.transitSegmentSeconds,
      })),
    transitShareBp: policy.transitShareBp,
    // Overrides keep their order: it is the order they were written in.
    overrides: policy.overrides.map((o) => ({
      ...(o.product !== undefined ? { product: o.product } : {}),
      ...(o.aEndProvince !== undefined ? { aEndProvince: o.aEndProvince } : {}),
      ...(o.zEndProvince !== undefined ? { zEndProvince: o.zEndProvince } : {}),
      aEndBp: o.aEndBp,
      zEndBp: o.zEndBp,
      transitBp: o.transitBp,
    })),
    quoteReplySeconds: policy.quoteReplySeconds,
  };
}

/** True when two policies say the same (a PUT of the policy in force changes nothing). */
export function samePolicy(a: OneStopPolicyContent, b: OneStopPolicyContent): boolean {
  return JSON.stringify(canonicalPolicy(a)) === JSON.stringify(canonicalPolicy(b));
}
