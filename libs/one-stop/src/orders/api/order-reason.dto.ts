import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Why the order is cancelled or held. */
export class OrderReasonDto {
  @ApiProperty({ maxLength: 500, example: '客户项目延期' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
