import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PageQueryDto } from '@kaf/platform';
import { ORDER_STATES, type OrderState } from '../domain/order-states';

export class ListCoordinatedOrdersQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATES })
  @IsOptional()
  @IsIn(ORDER_STATES)
  state?: OrderState;

  @ApiPropertyOptional({ example: '440300', description: 'Home city of the order' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{2}(?!00)\d{2}00$/, { message: '$property must be a city node code, e.g. 440300' })
  homeNode?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only orders not final with an open escalation or a segment past its deadline',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  stuck?: 'true' | 'false';
}
