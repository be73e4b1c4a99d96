import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CIRCUIT_ACTIONS } from '../domain/circuit-actions';
import { CIRCUIT_PRODUCTS } from '../domain/circuit-products';
import { SETTLED_CIRCUIT_STATES } from './list-settlement-circuits.query';

export class SettlementCircuitVersionView {
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ enum: CIRCUIT_ACTIONS }) action!: string;
  @ApiProperty({ example: 200 }) bandwidthMbps!: number;
  @ApiProperty({ example: '440300' }) aEndNode!: string;
  @ApiProperty({ example: '330100' }) zEndNode!: string;
  @ApiProperty({ example: '1600000', description: 'Whole fen as a decimal string' })
  monthlyChargeFen!: string;
  @ApiProperty({ example: '50000', description: 'Whole fen; for a change, the charge for it' })
  oneTimeChargeFen!: string;
  @ApiProperty({
    example: '2026-06-21',
    description: 'In force from this day (Asia/Shanghai); for delete, the last day in service',
  })
  effectiveDate!: string;
  @ApiProperty({ format: 'date-time' }) completedAt!: string;
  @ApiProperty({ type: [String], example: ['a_end=SZ-001', 'z_end=HZ-001'] }) circuitIds!: string[];
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

/** A circuit as the national node settles it: the summary of its latest version. */
export class SettlementCircuitView {
  @ApiProperty({ format: 'uuid' }) circuitId!: string;
  @ApiProperty({ example: 2, description: 'The highest version received' }) version!: number;
  @ApiProperty({
    enum: SETTLED_CIRCUIT_STATES,
    description: 'ceased once its cease is registered; it is settled up to ceasedOn, which may be ahead',
  })
  state!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2026-07-10',
    description: 'Last day in service',
  })
  ceasedOn!: string | null;
  @ApiProperty({ format: 'uuid', description: 'The order of the latest version' }) orderId!: string;
  @ApiProperty({ example: '440300' }) homeNode!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ enum: CIRCUIT_PRODUCTS }) product!: string;
  @ApiProperty({ example: 200 }) bandwidthMbps!: number;
  @ApiProperty({ example: '440300' }) aEndNode!: string;
  @ApiProperty({ example: '330100' }) zEndNode!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'CN' }) transitNode!: string | null;
  @ApiProperty({ example: '440000' }) aEndProvince!: string;
  @ApiProperty({ example: '330000' }) zEndProvince!: string;
  @ApiProperty({ example: '1600000', description: 'Whole fen as a decimal string' })
  monthlyChargeFen!: string;
  @ApiProperty({ example: '2026-06', description: 'The first month settled' }) firstBillingMonth!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the latest version or the cease arrived' })
  changedAt!: string;
}

export class SettlementCircuitDetailView extends SettlementCircuitView {
  @ApiProperty({ type: [SettlementCircuitVersionView], description: 'Every version received, oldest first' })
  versions!: SettlementCircuitVersionView[];
}

export interface SettlementCircuitRow {
  circuit_id: string;
  version: number;
  ceased_on: string | null;
  order_id: string;
  home_node: string;
  customer_id: string;
  product: string;
  bandwidth_mbps: number;
  a_end_node: string;
  z_end_node: string;
  transit_node: string | null;
  a_end_province: string;
  z_end_province: string;
  monthly_charge_fen: string;
  first_billing_month: string;
  received_at: Date;
  changed_at: Date;
}

export interface SettlementCircuitVersionRow {
  version: number;
  order_id: string;
  action: string;
  bandwidth_mbps: number;
  a_end_node: string;
  z_end_node: string;
  monthly_charge_fen: string;
  one_time_charge_fen: string;
  effective_date: string;
  completed_at: Date;
  circuit_ids: string[];
  received_at: Date;
}

export function toSettlementCircuitView(row: SettlementCircuitRow): SettlementCircuitView {
  return {
    circuitId: row.circuit_id,
    version: row.version,
    state: row.ceased_on === null ? 'inService' : 'ceased',
    ceasedOn: row.ceased_on,
    orderId: row.order_id,
    homeNode: row.home_node,
    customerId: row.customer_id,
    product: row.product,
    bandwidthMbps: row.bandwidth_mbps,
    aEndNode: row.a_end_node,
    zEndNode: row.z_end_node,
    transitNode: row.transit_node,
    aEndProvince: row.a_end_province,
    zEndProvince: row.z_end_province,
    monthlyChargeFen: row.monthly_charge_fen,
    firstBillingMonth: row.first_billing_month,
    receivedAt: row.received_at.toISOString(),
    changedAt: row.changed_at.toISOString(),
  };
}

export function toSettlementCircuitVersionView(
  row: SettlementCircuitVersionRow,
): SettlementCircuitVersionView {
  return {
    version: row.version,
    orderId: row.order_id,
    action: row.action,
    bandwidthMbps: row.bandwidth_mbps,
    aEndNode: row.a_end_node,
    zEndNode: row.z_end_node,
    monthlyChargeFen: row.monthly_charge_fen,
    oneTimeChargeFen: row.one_time_charge_fen,
    effectiveDate: row.effective_date,
    completedAt: row.completed_at.toISOString(),
    circuitIds: row.circuit_ids,
    receivedAt: row.received_at.toISOString(),
  };
}
