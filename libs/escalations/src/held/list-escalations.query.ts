import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@kaf/platform';
import {
  ESCALATION_STATUSES,
  ESCALATION_SUBJECT_TYPES,
  type EscalationStatus,
  type EscalationSubjectType,
} from '../escalation-vocabulary';

export class ListEscalationsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ESCALATION_STATUSES })
  @IsOptional()
  @IsIn(ESCALATION_STATUSES)
  status?: EscalationStatus;

  @ApiPropertyOptional({ enum: ESCALATION_SUBJECT_TYPES })
  @IsOptional()
  @IsIn(ESCALATION_SUBJECT_TYPES)
  subjectType?: EscalationSubjectType;

  @ApiPropertyOptional({ example: 'restoreBreach' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  reason?: string;

  @ApiPropertyOptional({ example: '440300', description: 'GB/T 2260 code of the case’s city' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'cityCode must be a six-digit GB/T 2260 code' })
  cityCode?: string;
}
