import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** What every receivable event (a bill, a payment) names: its own id and the account it is for. */
export abstract class ReceivableEventDto {
  @ApiProperty({ maxLength: 128, description: "The billing system's id of the event" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  eventId!: string;

  @ApiProperty({
    maxLength: 64,
    example: 'GZ-8800012345',
    description: "The billing system's account number",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  billingAccount!: string;
}
