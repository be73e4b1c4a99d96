import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ReceivableEventDto } from './receivable-event.dto';

/**
 * One payment received by a billing system (缴费): an amount paid to an account on a day,
 * optionally naming the billing month of the bill it settles.
 */
export class PaymentEventDto extends ReceivableEventDto {
  @ApiProperty({
    example: '1250000',
    description: 'Whole fen as a decimal string; negative only on a correction',
  })
  @IsString()
  amountFen!: string;

  @ApiProperty({ format: 'date', example: '2026-06-10', description: 'Day the payment was received' })
  @IsString()
  paidOn!: string;

  @ApiPropertyOptional({
    example: '2026-05',
    description: 'Billing month of the bill it settles; absent: settles the oldest open bills first',
  })
  @IsOptional()
  @IsString()
  billingMonth?: string;

  @ApiPropertyOptional({ maxLength: 128, description: 'eventId of an earlier payment this one replaces' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  supersedes?: string;
}
