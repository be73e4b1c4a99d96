import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type OneStopPolicyPublished, OneStopPolicyPublishedSchema } from '@kaf/contracts';
import type { CircuitProduct } from '../domain/circuit-products';
import type { OneStopPolicy, SegmentSlaRule, SettlementOverrideRule } from './one-stop-policy.reader';
import { canonicalPolicy } from './one-stop-policy.rules';

/** A stored version (national table or replica) as the policy it is. */
export function policyOfRow(row: {
  version: bigint;
  slas: SegmentSlaRule[];
  transitShareBp: number;
  overrides: SettlementOverrideRule[];
  updatedAt: Date;
}): OneStopPolicy {
  return {
    version: row.version,
    ...canonicalPolicy(row),
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
  });
}

/** A received publication, not yet checked (policyProblems does that). */
export function fromPublished(published: OneStopPolicyPublished, receivedAt: Date): OneStopPolicy {
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
    updatedAt: published.updatedAt ? timestampDate(published.updatedAt) : receivedAt,
  };
}
