import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type BillingPolicyPublished, BillingPolicyPublishedSchema } from '@kaf/contracts';
import { defineDocument } from '@kaf/documents';
import type { BillingPolicy } from './billing-policy.reader';
import { policyProblem } from './billing-policy.rules';

/**
 * The national billing policy, kept by every province and city: both derive value classes and
 * signals from it. A province may set its own for itself and its cities (its thresholds for its
 * market), in force over the national one until it withdraws it (ADR 0032).
 */
export const BILLING_POLICY_DOCUMENT = defineDocument({
  name: 'billing-policy',
  issuerTier: 'national',
  overridableBy: 'province',
  audience: {},
  schema: BillingPolicyPublishedSchema,
  problem: (body) => policyProblem(body),
});

export function toBody(policy: BillingPolicy, updatedAt: Date): BillingPolicyPublished {
  return create(BillingPolicyPublishedSchema, {
    version: policy.version,
    highValueMinMonthlyFen: policy.highValueMinMonthlyFen,
    churnDropPercent: policy.churnDropPercent,
    updatedAt: timestampFromDate(updatedAt),
  });
}

export function fromBody(body: BillingPolicyPublished, version: bigint): BillingPolicy {
  return {
    version,
    highValueMinMonthlyFen: body.highValueMinMonthlyFen,
    churnDropPercent: body.churnDropPercent,
  };
}

export function updatedAtOf(body: BillingPolicyPublished, publishedAt: Date): Date {
  return body.updatedAt ? timestampDate(body.updatedAt) : publishedAt;
}
