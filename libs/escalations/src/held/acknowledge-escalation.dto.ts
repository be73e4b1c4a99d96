import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Body of an acknowledgement: an optional note sent back to the raiser (no customer's personal data). */
export class AcknowledgeEscalationDto {
  @ApiPropertyOptional({ maxLength: 500, example: '省网管中心已介入，督办地市' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
