import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { SLA_CLOCKS, type SlaClock } from '@kaf/platform';
import {
  SLA_GRADES,
  type SlaGrade,
  TICKET_SEVERITIES,
  TICKET_TYPES,
  type TicketSeverity,
  type TicketType,
} from '../sla-vocabulary';
import { MAX_FAULT_CHECK_ANSWER_MINUTES, MAX_POLICY_DAYS, MAX_TARGET_MINUTES } from './service-policy.rules';

const ROWS = TICKET_TYPES.length * TICKET_SEVERITIES.length * SLA_GRADES.length;
const oneOf = (list: readonly string[]) => `$property must be one of ${list.join(', ')}`;

export class SlaTargetDto {
  @ApiProperty({ enum: TICKET_TYPES, example: 'fault' })
  @IsIn(TICKET_TYPES, { message: oneOf(TICKET_TYPES) })
  ticketType!: TicketType;

  @ApiProperty({ enum: TICKET_SEVERITIES, example: 'critical' })
  @IsIn(TICKET_SEVERITIES, { message: oneOf(TICKET_SEVERITIES) })
  severity!: TicketSeverity;

  @ApiProperty({ enum: SLA_GRADES, example: 'A', description: 'Important and strategic customers get A' })
  @IsIn(SLA_GRADES, { message: oneOf(SLA_GRADES) })
  grade!: SlaGrade;

  @ApiProperty({ minimum: 1, maximum: MAX_TARGET_MINUTES, example: 15 })
  @IsInt({ message: '$property must be whole minutes' })
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  responseMinutes!: number;

  @ApiProperty({ minimum: 1, maximum: MAX_TARGET_MINUTES, example: 240 })
  @IsInt({ message: '$property must be whole minutes' })
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  restoreMinutes!: number;

  @ApiProperty({ enum: SLA_CLOCKS, example: 'continuous' })
  @IsIn(SLA_CLOCKS, { message: oneOf(SLA_CLOCKS) })
  clock!: SlaClock;
}

/** PUT /api/v1/service-policy: the whole policy, replacing the one this node issued. */
export class PutServicePolicyDto {
  @ApiProperty({
    type: [SlaTargetDto],
    description: `Every ticket type × severity × grade exactly once (${ROWS} rows)`,
  })
  @IsArray()
  @ArrayMaxSize(ROWS)
  @ValidateNested({ each: true })
  @Type(() => SlaTargetDto)
  targets!: SlaTargetDto[];

  @ApiProperty({ minimum: 1, maximum: MAX_POLICY_DAYS, example: 3 })
  @IsInt({ message: '$property must be whole days' })
  @Min(1)
  @Max(MAX_POLICY_DAYS)
  returnVisitDays!: number;

  @ApiProperty({ minimum: 1, maximum: MAX_POLICY_DAYS, example: 7 })
  @IsInt({ message: '$property must be whole days' })
  @Min(1)
  @Max(MAX_POLICY_DAYS)
  autoCloseDays!: number;

  @ApiProperty({ minimum: 1, maximum: MAX_FAULT_CHECK_ANSWER_MINUTES, example: 30 })
  @IsInt({ message: '$property must be whole minutes' })
  @Min(1)
  @Max(MAX_FAULT_CHECK_ANSWER_MINUTES)
  faultCheckAnswerMinutes!: number;
}
