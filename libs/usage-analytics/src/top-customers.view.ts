import { ApiProperty } from '@nestjs/swagger';

export class ChurnRiskView {
  @ApiProperty() atRisk!: boolean;
  @ApiProperty({ type: [String], enum: ['revenue_drop', 'suspended', 'churned'] }) reasons!: string[];
}

export class TopCustomerView {
  @ApiProperty() rank!: number;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ example: '深圳示例科技有限公司', description: '"?" until the snapshot arrives' })
  name!: string;
  @ApiProperty({ example: '440300' }) city!: string;
  @ApiProperty({ example: 'I' }) industry!: string;
  @ApiProperty({ example: 'A' }) grade!: string;
  @ApiProperty({ type: String, nullable: true, example: 'G00000001' }) groupCode!: string | null;
  @ApiProperty({ example: '1250000', description: 'Revenue in the range (of the products asked), whole fen' })
  revenueFen!: string;
  @ApiProperty() eventCount!: number;
  @ApiProperty({ example: '1250000', description: 'Revenue of all products in the last month of the range' })
  monthRevenueFen!: string;
  @ApiProperty({ enum: ['high_value', 'standard'], description: 'In the last month of the range' })
  valueClass!: string;
  @ApiProperty({ type: ChurnRiskView, description: 'In the last month of the range' })
  churnRisk!: ChurnRiskView;
}

export class TopCustomersView {
  @ApiProperty({ example: '2026-05' }) from!: string;
  @ApiProperty({ example: '2026-05' }) to!: string;
  @ApiProperty({ type: [TopCustomerView] }) customers!: TopCustomerView[];
}

export class GroupCustomerUsageView {
  @ApiProperty({ example: 'G00000001' }) groupCode!: string;
  @ApiProperty({
    example: '中国示例集团有限公司',
    description: '"?" when the registry does not hold the code',
  })
  name!: string;
  @ApiProperty({ example: '98000000', description: 'Revenue of the member customers, whole fen' })
  revenueFen!: string;
  @ApiProperty() eventCount!: number;
  @ApiProperty({ description: 'Member customers with usage, summed over the months' })
  customerMonths!: number;
  @ApiProperty({ description: 'Cities with member usage in the range' }) cities!: number;
  @ApiProperty({ description: 'Provinces with member usage in the range' }) provinces!: number;
  @ApiProperty({ example: '490000', description: 'revenueFen / customerMonths, rounded half up' })
  arpuFen!: string;
}
