import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '@kaf/platform';
import { IsCalendarDate } from './agreement-validators';
import { AGREEMENT_STATUSES, type AgreementStatus } from './domain/agreement-status';

export class ListAgreementsQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  managerId?: string;

  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES })
  @IsOptional()
  @IsIn(AGREEMENT_STATUSES)
  status?: AgreementStatus;

  @ApiPropertyOptional({ format: 'date', description: 'Agreements whose end date is before this day' })
  @IsOptional()
  @IsCalendarDate()
  endingBefore?: string;
}
