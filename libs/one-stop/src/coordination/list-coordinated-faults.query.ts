import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '@kaf/platform';

export class ListCoordinatedFaultsQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'inProgress', description: 'TMF621 status as the home city reports it' })
  @IsOptional()
  @Matches(/^[a-zA-Z]{1,30}$/, { message: 'status must be a TMF621 status such as inProgress' })
  status?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The coordinated order that made the circuit' })
  @IsOptional()
  @IsUUID()
  orderId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  circuitId?: string;
}
