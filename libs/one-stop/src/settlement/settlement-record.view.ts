import { ApiProperty } from '@nestjs/swagger';
import { CIRCUIT_PRODUCTS } from '../domain/circuit-products';
import { SEGMENT_ROLES } from '../domain/segment-roles';
import { SETTLEMENT_KINDS } from '../domain/settlement-bookings';

export class SettlementRecordView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-05' }) billingMonth!: string;
  @ApiProperty({ format: 'uuid' }) circuitId!: string;
  @ApiProperty({
    format: 'uuid',
    description: "The order of the circuit's version in force on the month's last day in service",
  })
  orderId!: string;
  @ApiProperty({
    enum: SETTLEMENT_KINDS,
    description:
      "charge: the month's first booking of the role; correction: a later difference (may be negative)",
  })
  kind!: string;
  @ApiProperty({ example: 1, description: '1 for the charge, 2… for the corrections of the role' })
  seq!: number;
  @ApiProperty({ enum: SEGMENT_ROLES }) role!: string;
  @ApiProperty({ example: '440000', description: 'Province code, or CN for national transit' })
  regionCode!: string;
  @ApiProperty({ example: 4500, description: 'Basis points of the charge' }) shareBp!: number;
  @ApiProperty({ example: '562500', description: 'Whole fen as a decimal string' }) amountFen!: string;
  @ApiProperty({ enum: CIRCUIT_PRODUCTS }) product!: string;
  @ApiProperty({ example: '0' }) policyVersion!: string;
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export interface SettlementRecordRow {
  id: string;
  billing_month: string;
  circuit_id: string;
  order_id: string;
  kind: string;
  seq: number;
  role: string;
  region_code: string;
  share_bp: number;
  amount_fen: string;
  product: string;
  policy_version: string;
  run_id: string;
  created_at: Date;
}

export function toSettlementRecordView(row: SettlementRecordRow): SettlementRecordView {
  return {
    id: row.id,
    billingMonth: row.billing_month,
    circuitId: row.circuit_id,
    orderId: row.order_id,
    kind: row.kind,
    seq: row.seq,
    role: row.role,
    regionCode: row.region_code,
    shareBp: row.share_bp,
    amountFen: row.amount_fen,
    product: row.product,
    policyVersion: row.policy_version,
    runId: row.run_id,
    createdAt: row.created_at.toISOString(),
  };
}
