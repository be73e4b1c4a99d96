import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '@kaf/platform';
import { REGION_CODE, REGION_MESSAGE } from './list-settlement-records.query';

export const SETTLED_CIRCUIT_STATES = ['inService', 'ceased'] as const;
export type SettledCircuitState = (typeof SETTLED_CIRCUIT_STATES)[number];

export class ListSettlementCircuitsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: SETTLED_CIRCUIT_STATES })
  @IsOptional()
  @IsIn(SETTLED_CIRCUIT_STATES)
  state?: SettledCircuitState;

  @ApiPropertyOptional({
    example: '440000',
    description: 'A region settling the circuit: an end province, or the transit node',
  })
  @IsOptional()
  @IsString({ message: REGION_MESSAGE })
  @Matches(REGION_CODE, { message: REGION_MESSAGE })
  regionCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;
}
