import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, Max, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '@kaf/platform';

export class ListParkedEventsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'CloudEvent source (billing system)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  source?: string;

  @ApiPropertyOptional({ description: 'CloudEvent id' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  eventId?: string;

  @ApiPropertyOptional({ type: Number, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  partition?: number;

  @ApiPropertyOptional({ type: Boolean, description: 'true: replayed ones only; false: still parked only' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  replayed?: boolean;
}
