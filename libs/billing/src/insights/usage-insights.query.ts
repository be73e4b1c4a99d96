import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { BILLING_MONTH_PATTERN, PageQueryDto } from '@kaf/platform';

const MONTH_MESSAGE = '$property must be a month as YYYY-MM, e.g. 2026-05';

export class UsageInsightsQuery {
  @ApiPropertyOptional({
    example: '2026-05',
    description: 'Billing month; default: the current one (Asia/Shanghai)',
  })
  @IsOptional()
  @IsString()
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  month?: string;
}

export class ChurnRisksQuery extends PageQueryDto {
  @ApiPropertyOptional({
    example: '2026-05',
    description: 'Billing month; default: the current one (Asia/Shanghai)',
  })
  @IsOptional()
  @IsString()
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  month?: string;
}
