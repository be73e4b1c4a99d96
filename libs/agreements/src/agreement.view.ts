import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGREEMENT_STATUSES } from './domain/agreement-status';
import { PRODUCT_CODES } from '@kaf/catalogue';
import { reminderDate } from './domain/renewal-schedule';
import type { ServiceAgreementEntity } from './service-agreement.entity';

export class AgreementView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '440300' }) cityCode!: string;
  @ApiProperty({ example: 'SZ-2026-0001' }) agreementNo!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: PRODUCT_CODES, isArray: true }) products!: string[];
  @ApiProperty({ format: 'date' }) startDate!: string;
  @ApiProperty({ format: 'date' }) endDate!: string;
  @ApiProperty({ example: '1250000', description: 'Whole fen as a decimal string' })
  monthlyValueFen!: string;
  @ApiProperty({ format: 'uuid' }) managerId!: string;
  @ApiProperty() managerStaffId!: string;
  @ApiProperty({ enum: AGREEMENT_STATUSES }) status!: string;
  @ApiProperty({ minimum: 1, maximum: 365 }) reminderDays!: number;
  @ApiProperty({ format: 'date', description: 'Shanghai day the renewal reminder is due' })
  renewalReminderDate!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  renewalRemindedAt!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function toAgreementView(row: ServiceAgreementEntity): AgreementView {
  return {
    id: row.id,
    cityCode: row.cityCode,
    agreementNo: row.agreementNo,
    customerId: row.customerId,
    title: row.title,
    products: row.products,
    startDate: row.startDate,
    endDate: row.endDate,
    monthlyValueFen: row.monthlyValueFen.toString(),
    managerId: row.managerId,
    managerStaffId: row.managerStaffId,
    status: row.status,
    reminderDays: row.reminderDays,
    renewalReminderDate: reminderDate(row),
    renewalRemindedAt: row.renewalRemindedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
