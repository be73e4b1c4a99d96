import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsNotEmptyObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../instant';
import { VISIT_CHANNELS, type VisitChannel } from './customer-visit.entity';

export class FollowUpDto {
  @ApiProperty({ maxLength: 200, example: 'Send the revised quotation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ format: 'date-time', example: '2026-06-01T18:00:00+08:00' })
  @IsInstant()
  dueAt!: string;
}

export class CreateVisitDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  customerId!: string;

  @ApiProperty({ format: 'date-time', description: 'When the visit took place; not in the future' })
  @IsInstant()
  visitedAt!: string;

  @ApiProperty({ enum: VISIT_CHANNELS })
  @IsIn(VISIT_CHANNELS)
  channel!: VisitChannel;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  outcome?: string;

  @ApiPropertyOptional({
    type: FollowUpDto,
    description: "A follow-up task for the customer's account manager, created with the visit",
  })
  @IsOptional()
  @IsDefined()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => FollowUpDto)
  followUp?: FollowUpDto;
}
