import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsInstant } from '../instant';

export class CreateTaskDto {
  @ApiProperty({ maxLength: 200, example: 'Send the SD-WAN quotation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-01T10:00:00+08:00' })
  @IsInstant()
  dueAt!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Defaults to the caller's own manager record, else the customer's manager",
  })
  @IsOptional()
  @IsUUID()
  assigneeManagerId?: string;
}
