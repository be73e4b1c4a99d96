import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CustomerContactEntity } from './customer-contact.entity';
import { maskEmail, maskIdNumber, maskMobile, maskName } from './domain/personal-data-masking';

/** A contact as city staff see it: the ID number is always masked. */
export class ContactView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '13812341234' }) mobile!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) email!: string | null;
  @ApiProperty() role!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '4403**********123X' })
  idNumber!: string | null;
  @ApiProperty() isPrimary!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export function toContactView(row: CustomerContactEntity): ContactView {
  return {
    id: row.id,
    customerId: row.customerId,
    name: row.name,
    mobile: row.mobile,
    email: row.email,
    role: row.role,
    idNumber: row.idNumber === null ? null : maskIdNumber(row.idNumber),
    isPrimary: row.isPrimary,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * What the audit log keeps of a contact: every personal value masked (the name to its first
 * character), since admins of other tiers may read the log.
 */
export function toAuditedContact(row: CustomerContactEntity): ContactView {
  const view = toContactView(row);
  return {
    ...view,
    name: maskName(row.name),
    mobile: maskMobile(row.mobile),
    email: row.email === null ? null : maskEmail(row.email),
  };
}
