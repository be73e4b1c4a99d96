import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type OneStopPolicyPublished, OneStopPolicyPublishedSchema } from '@kaf/contracts';
import type { CircuitProduct } from '../domain/circuit-products';
import {
  DEFAULT_QUOTE_REPLY_SECONDS,
  type OneStopPolicy,
  type SegmentSlaRule,
  type SettlementOverrideRule,
} from './one-stop-policy.reader';
import { canonicalPolicy } from './one-stop-policy.rules';

/** A stored version (national table or replica) as the policy it is. */
export function policyOfRow(row: {
  version: bigint;
  slas: SegmentSlaRule[];
  transitShareBp: number;
  overrides: SettlementOverrideRule[];
  /** Absent in rows written before quotes timed out. */
  quoteReplySeconds?: number;
  updatedAt: Date;
}): OneStopPolicy {
  return {
    version: row.version,
    ...canonicalPolicy({ ...row, quoteReplySeconds: row.quoteReplySeconds ?? DEFAULT_QUOTE_REPLY_SECONDS }),
    updatedAt: row.updatedAt,
  };
}

/** The message every province and city receives. "Any" travels as an empty string. */
export function toPublished(policy: OneStopPolicy): OneStopPolicyPublished {
  return create(OneStopPolicyPublishedSchema, {
    version: policy.version,
    slas: policy.slas,
    transitShareBp: policy.transitShareBp,
    overrides: policy.overrides.map((o) => ({
      product: o.product ?? '',
      aEndProvince: o.aEndProvince ?? '',
      zEndProvince: o.zEndProvince ?? '',
      aEndBp: o.aEndBp,
      zEndBp: o.zEndBp,
      transitBp: o.transitBp,
    })),
    ...(policy.updatedAt ? { updatedAt: timestampFromDate(policy.updatedAt) } : {}),
    quoteReplySeconds: policy.quoteReplySeconds,
  });
}

/**
 * A received publication, not yet checked (policyProblems does that). A publisher older than
 * quote timeouts sends no answer time: `quoteReplySeconds` (the receiver's default) stands in.
 */
export function fromPublished(
  published: OneStopPolicyPublished,
  receivedAt: Date,
  quoteReplySeconds = DEFAULT_QUOTE_REPLY_SECONDS,
): OneStopPolicy {
  const given = (value: string) => (value === '' ? undefined : value);
  return {
    version: published.version,
    slas: published.slas.map((s) => ({
      product: s.product as CircuitProduct,
      endSegmentSeconds: s.endSegmentSeconds,
      transitSegmentSeconds: s.transitSegmentSeconds,
    })),
    transitShareBp: published.transitShareBp,
    overrides: published.overrides.map((o) => {
      const product = given(o.product) as CircuitProduct | undefined;
      const aEndProvince = given(o.aEndProvince);
      const zEndProvince = given(o.zEndProvince);
      return {
        ...(product !== undefined ? { product } : {}),
        ...(aEndProvince !== undefined ? { aEndProvince } : {}),
        ...(zEndProvince !== undefined ? { zEndProvince } : {}),
        aEndBp: o.aEndBp,
        zEndBp: o.zEndBp,
        transitBp: o.transitBp,
      };
    }),
    quoteReplySeconds: published.quoteReplySeconds || quoteReplySeconds,
    updatedAt: published.updatedAt ? timestampDate(published.updatedAt) : receivedAt,
  };
}
