import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ReceivableEventDto } from './receivable-event.dto';

/** Years from 1000 and zone offsets up to ±14:59, as the usage event's `occurredAt`. */
const RFC3339 = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

/**
 * One bill issued by a billing system (帐单): what one account owes for one billing month and
 * when it falls due. Validated one by one, so that one bad event does not cost its batch.
 */
export class BillEventDto extends ReceivableEventDto {
  @ApiProperty({ example: '2026-05', description: 'Billing month (Asia/Shanghai), 2000-01 to next month' })
  @IsString()
  billingMonth!: string;

  @ApiProperty({
    example: '1250000',
    description: 'Whole fen as a decimal string; negative only on a correction',
  })
  @IsString()
  amountDueFen!: string;

  @ApiProperty({ format: 'date', example: '2026-06-15', description: 'Day the bill falls due' })
  @IsString()
  dueDate!: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-06-01T09:00:00+08:00' })
  @IsOptional()
  @Matches(RFC3339, { message: '$property must be an RFC 3339 date-time with a zone' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be a valid date-time' })
  issuedAt?: string;

  @ApiPropertyOptional({ maxLength: 128, description: 'eventId of an earlier bill this one replaces' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  supersedes?: string;
}
