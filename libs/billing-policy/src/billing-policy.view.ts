import { ApiProperty } from '@nestjs/swagger';
import type { BillingPolicy } from './billing-policy.reader';

export const POLICY_SOURCES = ['national', 'published', 'defaults'] as const;
export type PolicySource = (typeof POLICY_SOURCES)[number];

/** The billing policy in force at a node. */
export class BillingPolicyView {
  @ApiProperty({
    example: '3',
    description: 'Policy version set by the national node; "0" = configured defaults',
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

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-05-01T08:00:00.000Z',
    description: 'When the national node set this version; null for the defaults',
  })
  updatedAt!: string | null;

  @ApiProperty({
    enum: POLICY_SOURCES,
    description:
      'national: the national record; published: received from the national node; defaults: configured',
  })
  source!: PolicySource;
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
