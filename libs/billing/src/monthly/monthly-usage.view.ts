import { ApiProperty } from '@nestjs/swagger';
import type { MonthlyUsageEntity } from './monthly-usage.entity';

export class MonthlyUsageView {
  @ApiProperty({ example: '2026-05' }) month!: string;
  @ApiProperty({ example: 'sd_wan' }) product!: string;
  @ApiProperty({ example: '1250000', description: 'Whole fen as a decimal string' }) revenueFen!: string;
  @ApiProperty({ example: '1024.5', description: 'Decimal string' }) quantity!: string;
  @ApiProperty() eventCount!: number;
}

export function toMonthlyUsageView(row: MonthlyUsageEntity): MonthlyUsageView {
  return {
    month: row.billingMonth,
    product: row.product,
    revenueFen: row.revenueFen,
    quantity: row.quantity,
    eventCount: row.eventCount,
  };
}
