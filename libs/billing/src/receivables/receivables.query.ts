import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { BILLING_MONTH_PATTERN } from '@kaf/platform';
import { BILL_STATUSES, type BillStatus } from './receivables.views';

export class ListBillsQuery {
  @ApiPropertyOptional({ example: '2026-04', description: 'Only bills of this billing month' })
  @IsOptional()
  @Matches(BILLING_MONTH_PATTERN, { message: '$property must be a month as YYYY-MM, e.g. 2026-05' })
  month?: string;

  @ApiPropertyOptional({ enum: BILL_STATUSES, description: 'Only bills in this state today' })
  @IsOptional()
  @IsIn(BILL_STATUSES)
  status?: BillStatus;
}
