import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { PageQueryDto, BILLING_MONTH_PATTERN } from '@kaf/platform';
import { MONTH_MESSAGE } from './start-settlement-run.dto';

export class ListSettlementRunsQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-05' })
  @IsOptional()
  @IsString({ message: MONTH_MESSAGE })
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  billingMonth?: string;
}
