import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { isCalendarDate } from '@kaf/platform';

/** A `YYYY-MM-DD` calendar day. */
function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a calendar date YYYY-MM-DD`,
      },
    },
    options,
  );
}

/** Not blank: a reason of spaces says nothing. */
const NOT_BLANK = /\S/;

export class AcceptWorkOrderDto {
  @ApiProperty({
    format: 'date',
    example: '2026-12-15',
    description: 'Day this node expects to be done; not before today (Asia/Shanghai)',
  })
  @IsCalendarDate()
  expectedCompletionDate!: string;
}

export class WorkOrderReasonDto {
  @ApiProperty({ maxLength: 500, example: '局端光缆资源不足 no fibre pair free at the exchange' })
  @IsString()
  @IsNotEmpty()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(500)
  reason!: string;
}

export class CompleteWorkOrderDto {
  @ApiPropertyOptional({
    maxLength: 100,
    example: 'HZ-EPL-2026-00042',
    description:
      'Identifier of the circuit segment built; required for a new circuit, a change or cease keeps the segment in service unless given',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/, {
    message: 'circuitId must be 1-100 letters, digits or . _ : / - and start with a letter or digit',
  })
  circuitId?: string;

  @ApiPropertyOptional({
    maxLength: 2000,
    example: 'port GE0/0/12 on HZ-WS-OTN-03, VLAN 2301, optical level -7.2 dBm',
    description:
      'Hand-over details for the home city: ports, VLANs, test results. Business data only, no personal data',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  handover?: string;
}

export class FaultCheckAnswerDto {
  @ApiProperty({
    maxLength: 1000,
    example: '杭州段 OTN 板卡告警，已更换 the OTN card at HZ-WS-03 was replaced',
    description: 'What was found or done; it goes to the home city, so business data only',
  })
  @IsString()
  @IsNotEmpty()
  @Matches(NOT_BLANK, { message: 'note must not be blank' })
  @MaxLength(1000)
  note!: string;
}
