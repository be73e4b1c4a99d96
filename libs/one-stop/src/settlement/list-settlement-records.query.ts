import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { PageQueryDto, BILLING_MONTH_PATTERN } from '@kaf/platform';
import { MONTH_MESSAGE } from './start-settlement-run.dto';

export const REGION_CODE = /^(CN|\d{2}0000)$/;
export const REGION_MESSAGE = '$property must be CN or a province code, e.g. 440000';

export class ListSettlementRecordsQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-05' })
  @IsOptional()
  @IsString({ message: MONTH_MESSAGE })
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  billingMonth?: string;

  @ApiPropertyOptional({ example: '440000', description: 'A province code, or CN for national transit' })
  @IsOptional()
  @IsString({ message: REGION_MESSAGE })
  @Matches(REGION_CODE, { message: REGION_MESSAGE })
  regionCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  circuitId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orderId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  runId?: string;
}
