import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { BILLING_MONTH_PATTERN } from '@kaf/platform';

export const MONTH_MESSAGE = '$property must be a month as YYYY-MM, e.g. 2026-05';

/** POST /api/v1/settlement-runs: the billing month to settle (a finished month or the current one). */
export class StartSettlementRunDto {
  @ApiProperty({ example: '2026-05', description: 'A finished month or the current one (Asia/Shanghai)' })
  @IsString({ message: MONTH_MESSAGE })
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  billingMonth!: string;
}
