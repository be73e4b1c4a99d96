import { ApiProperty } from '@nestjs/swagger';

export class ChurnRiskView {
  @ApiProperty() atRisk!: boolean;
  @ApiProperty({ type: [String], enum: ['revenue_drop', 'suspended', 'churned'] }) reasons!: string[];
}

export class TrailingArpuView {
  @ApiProperty({ example: '2026-03' }) from!: string;
  @ApiProperty({ example: '2026-05' }) to!: string;
  @ApiProperty({ example: '3600000', description: 'Revenue of the window, whole fen' }) revenueFen!: string;
  @ApiProperty({ example: 3, description: 'Months of the window with at least one event in force' })
  customerMonths!: number;
  @ApiProperty({
    example: '1200000',
    description: 'revenueFen / customerMonths, rounded half up; "0" without usage',
  })
  arpuFen!: string;
}

export class UsageInsightsView {
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ example: '2026-05' }) month!: string;
  @ApiProperty({ example: 'active' }) status!: string;
  @ApiProperty({ example: '1250000', description: 'Revenue of all products in the month, whole fen' })
  revenueFen!: string;
  @ApiProperty() eventCount!: number;
  @ApiProperty({ enum: ['high_value', 'standard'] }) valueClass!: string;
  @ApiProperty({ example: '1300000', description: 'Average of the three months before the month, whole fen' })
  trailingThreeMonthAverageFen!: string;
  @ApiProperty({ type: TrailingArpuView, description: 'The month and the two before it' })
  arpu3!: TrailingArpuView;
  @ApiProperty({ type: TrailingArpuView, description: 'The month and the eleven before it' })
  arpu12!: TrailingArpuView;
  @ApiProperty({ type: ChurnRiskView }) churnRisk!: ChurnRiskView;
  @ApiProperty({
    example: '0',
    description: 'Version of the billing policy applied (0: configured defaults)',
  })
  policyVersion!: string;
}

export class ChurnRiskCustomerView {
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'active' }) status!: string;
  @ApiProperty({ type: String, nullable: true }) managerStaffId!: string | null;
  @ApiProperty({ example: '2026-05' }) month!: string;
  @ApiProperty({ example: '400000' }) revenueFen!: string;
  @ApiProperty({ example: '1300000' }) trailingThreeMonthAverageFen!: string;
  @ApiProperty({ enum: ['high_value', 'standard'] }) valueClass!: string;
  @ApiProperty({ type: [String], enum: ['revenue_drop', 'suspended', 'churned'] }) reasons!: string[];
}
