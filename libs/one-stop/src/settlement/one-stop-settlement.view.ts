import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CIRCUIT_PRODUCTS } from '../domain/circuit-products';
import { SEGMENT_ROLES } from '../domain/segment-roles';
import { SETTLEMENT_DIMENSIONS } from './one-stop-settlement.query';

export class SettlementFiguresView {
  @ApiProperty({ example: '15000000', description: 'Settled amount, whole fen as a decimal string' })
  amountFen!: string;
  @ApiProperty({ example: 12, description: 'Distinct circuits with a record in the group' })
  circuits!: number;
  @ApiProperty({ example: 36 }) records!: number;
}

export class SettlementRowView extends SettlementFiguresView {
  @ApiPropertyOptional({ example: '440000', description: 'Province code, or CN for national transit' })
  region?: string;
  @ApiPropertyOptional({ example: '广东省 Guangdong' }) regionName?: string;
  @ApiPropertyOptional({ example: '2026-05' }) month?: string;
  @ApiPropertyOptional({ enum: CIRCUIT_PRODUCTS }) product?: string;
  @ApiPropertyOptional({ enum: SEGMENT_ROLES }) role?: string;
}

export class OneStopSettlementReportView {
  @ApiProperty({ example: '2026-01' }) from!: string;
  @ApiProperty({ example: '2026-06' }) to!: string;
  @ApiProperty({ enum: SETTLEMENT_DIMENSIONS, isArray: true, example: ['region'] }) groupBy!: string[];
  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    description: 'The report counts only these regions (the caller sees no others); null: all regions',
  })
  regionCodes!: string[] | null;
  @ApiProperty({ type: [SettlementRowView] }) rows!: SettlementRowView[];
  @ApiProperty({ type: SettlementFiguresView }) totals!: SettlementFiguresView;
}
