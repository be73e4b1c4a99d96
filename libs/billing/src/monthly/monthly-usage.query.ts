import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { BILLING_MONTH_PATTERN } from '@kaf/platform';

const MONTH_MESSAGE = '$property must be a month as YYYY-MM, e.g. 2026-05';

export class MonthlyUsageQuery {
  @ApiPropertyOptional({ example: '2026-01', description: 'First billing month, inclusive' })
  @IsOptional()
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Last billing month, inclusive' })
  @IsOptional()
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  to?: string;
}
