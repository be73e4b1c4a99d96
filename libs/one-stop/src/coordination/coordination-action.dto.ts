import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Body of a re-dispatch or cancel: why the coordinator steps in (sent to the home city). */
export class CoordinationActionDto {
  @ApiProperty({ maxLength: 500, example: '乙端资源核查超时，改派' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
