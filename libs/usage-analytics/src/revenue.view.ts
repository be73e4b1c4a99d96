import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RevenueComparisonView {
  @ApiProperty({
    example: '1180000',
    description: 'Revenue of the compared period, whole fen as a decimal string',
  })
  previousRevenueFen!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.0593,
    description: '(current - previous) / previous, 4 decimal places; null when previous is 0',
  })
  growth!: number | null;
}

export class RevenueFiguresView {
  @ApiProperty({ example: '1250000', description: 'Whole fen as a decimal string' }) revenueFen!: string;
  @ApiProperty({ example: 42 }) eventCount!: number;
  @ApiProperty({ example: 3, description: 'Customers with usage, summed over the months' })
  customerMonths!: number;
  @ApiProperty({
    example: '416667',
    description: 'revenueFen / customerMonths, rounded half up to whole fen',
  })
  arpuFen!: string;
}

export class RevenueRowView extends RevenueFiguresView {
  @ApiPropertyOptional({ example: '440000' }) province?: string;
  @ApiPropertyOptional({ example: '广东省 Guangdong' }) provinceName?: string;
  @ApiPropertyOptional({ example: '440300' }) city?: string;
  @ApiPropertyOptional({ example: '深圳市 Shenzhen' }) cityName?: string;
  @ApiPropertyOptional({ example: 'I' }) industry?: string;
  @ApiPropertyOptional({ example: 'high_value' }) valueClass?: string;
  @ApiPropertyOptional({ example: 'A' }) grade?: string;
  @ApiPropertyOptional({ example: 'sd_wan' }) product?: string;
  @ApiPropertyOptional({ example: '2026-05' }) month?: string;
  @ApiPropertyOptional({ type: RevenueComparisonView }) mom?: RevenueComparisonView;
  @ApiPropertyOptional({ type: RevenueComparisonView }) yoy?: RevenueComparisonView;
}

export class RevenueReportView {
  @ApiProperty({ example: '2026-01' }) from!: string;
  @ApiProperty({ example: '2026-06' }) to!: string;
  @ApiProperty({ type: [String], example: ['city', 'month'] }) groupBy!: string[];
  @ApiProperty({ type: [RevenueRowView] }) rows!: RevenueRowView[];
  @ApiProperty({ example: 120, description: 'Rows before the limit' }) rowCount!: number;
  @ApiProperty({ type: RevenueFiguresView }) totals!: RevenueFiguresView;
}
