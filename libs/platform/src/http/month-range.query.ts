import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { BILLING_MONTH_PATTERN } from '../calendar/billing-months';

export const MONTH_MESSAGE = '$property must be a month as YYYY-MM, e.g. 2026-05';

/** `from`/`to`: an inclusive range of billing months, by default the trailing twelve. */
export class MonthRangeQuery {
  @ApiPropertyOptional({
    example: '2026-01',
    description: 'First billing month, inclusive; default: 11 months before to',
  })
  @IsOptional()
  @IsString()
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-06',
    description: 'Last billing month, inclusive; default: the current month',
  })
  @IsOptional()
  @IsString()
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  to?: string;
}
