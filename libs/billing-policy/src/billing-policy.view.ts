import { PolicyProvenanceView, type PolicySource } from '@kaf/documents';
import { ApiProperty } from '@nestjs/swagger';
import type { BillingPolicy } from './billing-policy.reader';

/** The billing policy in force at a node. */
export class BillingPolicyView extends PolicyProvenanceView {
  @ApiProperty({
    example: '3',
    description:
      'Version set by the node the policy comes from (the national node, or the province for an override); "0" = configured defaults',
  })
  version!: string;

  @ApiProperty({
    example: '5000000',
    description: "Whole fen as a decimal string: a customer whose month's revenue reaches it is high_value",
  })
  highValueMinMonthlyFen!: string;

  @ApiProperty({
    example: 30,
    description: 'Churn risk: revenue below (100 - this)% of the trailing average',
  })
  churnDropPercent!: number;
}

export function toBillingPolicyView(
  policy: BillingPolicy,
  updatedAt: Date | null,
  source: PolicySource,
): BillingPolicyView {
  return {
    version: policy.version.toString(),
    highValueMinMonthlyFen: policy.highValueMinMonthlyFen.toString(),
    churnDropPercent: policy.churnDropPercent,
    updatedAt: updatedAt?.toISOString() ?? null,
    source,
  };
}
