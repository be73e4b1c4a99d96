import { PolicyProvenanceView, type PolicySource } from '@kaf/documents';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CIRCUIT_PRODUCTS } from '../domain/circuit-products';
import type { OneStopPolicy } from './one-stop-policy.reader';
import { canonicalPolicy } from './one-stop-policy.rules';

class SegmentSlaView {
  @ApiProperty({ enum: CIRCUIT_PRODUCTS }) product!: string;
  @ApiProperty({ example: 864_000 }) endSegmentSeconds!: number;
  @ApiProperty({ example: 604_800 }) transitSegmentSeconds!: number;
}

class SettlementOverrideView {
  @ApiPropertyOptional({ enum: CIRCUIT_PRODUCTS, description: 'Absent: any product' }) product?: string;
  @ApiPropertyOptional({ example: '440000', description: 'Absent: any' }) aEndProvince?: string;
  @ApiPropertyOptional({ example: '330000', description: 'Absent: any' }) zEndProvince?: string;
  @ApiProperty({ example: 4500 }) aEndBp!: number;
  @ApiProperty({ example: 4500 }) zEndBp!: number;
  @ApiProperty({ example: 1000 }) transitBp!: number;
}

/** The one-stop policy in force at a node; its body is what PUT takes. */
export class OneStopPolicyView extends PolicyProvenanceView {
  @ApiProperty({ example: '3', description: 'Version set by the national node; "0" = configured defaults' })
  version!: string;

  @ApiProperty({ type: [SegmentSlaView] })
  slas!: SegmentSlaView[];

  @ApiProperty({ example: 1000 })
  transitShareBp!: number;

  @ApiProperty({ type: [SettlementOverrideView] })
  overrides!: SettlementOverrideView[];

  @ApiProperty({
    example: 3600,
    description:
      'Seconds within which every segment node must answer a circuit quote; later, the quote is infeasible',
  })
  quoteReplySeconds!: number;
}

export function toOneStopPolicyView(policy: OneStopPolicy, source: PolicySource): OneStopPolicyView {
  return {
    version: policy.version.toString(),
    ...canonicalPolicy(policy),
    updatedAt: policy.updatedAt?.toISOString() ?? null,
    source,
  };
}
