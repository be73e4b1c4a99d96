import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { BILLING_MONTH_PATTERN } from '@kaf/platform';
import { MEASURE_NAME } from '../measure';

const MONTH_MESSAGE = '$property must be a month as YYYY-MM, e.g. 2026-05';

/**
 * POST /api/v1/reconciliations: the measure and the months to compare (default: the measure this
 * node receives when it receives one; this month and the two before).
 */
export class StartReconciliationDto {
  @ApiPropertyOptional({
    example: 'usage',
    description: 'The measure to compare; required where the node receives several',
  })
  @IsOptional()
  @IsString()
  @Matches(MEASURE_NAME, { message: '$property must be a measure name such as usage' })
  measure?: string;

  @ApiPropertyOptional({ example: '2026-03', description: 'First billing month, inclusive' })
  @IsOptional()
  @IsString({ message: MONTH_MESSAGE })
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ example: '2026-05', description: 'Last billing month, inclusive' })
  @IsOptional()
  @IsString({ message: MONTH_MESSAGE })
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  to?: string;
}
