import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ArrearsFiguresView {
  @ApiProperty({ example: '120000', description: 'Overdue by 0–30 days, whole fen as a decimal string' })
  upTo30Fen!: string;
  @ApiProperty({ example: '45000', description: 'Overdue by 31–90 days, whole fen as a decimal string' })
  days31To90Fen!: string;
  @ApiProperty({ example: '0', description: 'Overdue by more than 90 days, whole fen as a decimal string' })
  over90Fen!: string;
  @ApiProperty({ example: '165000', description: 'Overdue in total (the three bands), whole fen' })
  arrearsFen!: string;
  @ApiProperty({ example: '300000', description: 'Billed and not yet due, whole fen' })
  notDueFen!: string;
  @ApiProperty({ example: '5000', description: 'Paid and not yet taken by a bill (credit), whole fen' })
  unallocatedFen!: string;
  @ApiProperty({ example: 12, description: 'Billing accounts with a position, summed over the months' })
  accounts!: number;
  @ApiProperty({ example: 7, description: 'Customers with a position, summed over the months' })
  customerMonths!: number;
}

export class ArrearsRowView extends ArrearsFiguresView {
  @ApiPropertyOptional({ example: '440000' }) province?: string;
  @ApiPropertyOptional({ example: '广东省 Guangdong' }) provinceName?: string;
  @ApiPropertyOptional({ example: '440300' }) city?: string;
  @ApiPropertyOptional({ example: '深圳市 Shenzhen' }) cityName?: string;
  @ApiPropertyOptional({ example: 'I' }) industry?: string;
  @ApiPropertyOptional({ example: 'A' }) grade?: string;
  @ApiPropertyOptional({ example: '2026-05' }) month?: string;
}

export class ArrearsReportView {
  @ApiProperty({ example: '2026-05' }) from!: string;
  @ApiProperty({ example: '2026-05' }) to!: string;
  @ApiProperty({ type: [String], example: ['city'] }) groupBy!: string[];
  @ApiProperty({ type: [ArrearsRowView] }) rows!: ArrearsRowView[];
  @ApiProperty({ type: ArrearsFiguresView }) totals!: ArrearsFiguresView;
}
