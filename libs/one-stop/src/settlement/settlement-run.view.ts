import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SETTLEMENT_TRIGGERS } from './settlement-run.entity';

export class SettlementRunView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-05' }) billingMonth!: string;
  @ApiProperty({ enum: SETTLEMENT_TRIGGERS }) trigger!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff id; null when scheduled' })
  requestedBy!: string | null;
  @ApiProperty({ example: '3', description: 'One-stop policy version the shares came from (0: defaults)' })
  policyVersion!: string;
  @ApiProperty({ example: 12, description: 'Circuits this run settled' }) circuits!: number;
  @ApiProperty({ example: 36 }) records!: number;
  @ApiProperty({ example: '15000000', description: 'Sum of the records, whole fen as a decimal string' })
  amountFen!: string;
  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    description: 'The figures count only these regions (the caller sees no others); null: all regions',
  })
  regionCodes!: string[] | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export interface SettlementRunRow {
  id: string;
  billing_month: string;
  trigger: string;
  requested_by: string | null;
  policy_version: string;
  created_at: Date;
  circuits: number;
  records: number;
  amount_fen: string;
}

export function toSettlementRunView(
  row: SettlementRunRow,
  regions: readonly string[] | undefined,
): SettlementRunView {
  return {
    id: row.id,
    billingMonth: row.billing_month,
    trigger: row.trigger,
    requestedBy: row.requested_by,
    policyVersion: row.policy_version,
    circuits: row.circuits,
    records: row.records,
    amountFen: row.amount_fen,
    regionCodes: regions ? [...regions] : null,
    createdAt: row.created_at.toISOString(),
  };
}
