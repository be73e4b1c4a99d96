import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** What the customer said when called back. */
export class RecordReturnVisitDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: '1 very dissatisfied … 5 very satisfied' })
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction!: number;

  @ApiProperty({
    description: 'true: the customer confirms the resolution and the ticket closes; false: it reopens',
  })
  @IsBoolean()
  confirmed!: boolean;

  @ApiPropertyOptional({
    maxLength: 1000,
    description: "The customer's words (kept in the city); required when not confirmed",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  comment?: string;
}
