import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '@kaf/platform';
import { QUOTE_STATES, type QuoteState } from '../domain/quote-states';

export class ListCircuitQuotesQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ enum: QUOTE_STATES })
  @IsOptional()
  @IsIn(QUOTE_STATES, { message: `$property must be one of ${QUOTE_STATES.join(', ')}` })
  state?: QuoteState;
}
