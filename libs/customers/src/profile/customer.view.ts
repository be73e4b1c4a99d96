import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CUSTOMER_CLASSES,
  CUSTOMER_GRADES,
  CUSTOMER_STATUSES,
  type CustomerClass,
  type CustomerGrade,
  type CustomerStatus,
} from '../domain/customer-vocabulary';
import type { CustomerEntity } from './customer.entity';

/** An enterprise customer as the API shows it (TMF629 Customer, with our domain fields). */
export class CustomerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '440300' }) cityCode!: string;
  @ApiProperty({ maxLength: 200 }) name!: string;
  @ApiProperty({ description: 'Unified social credit code (GB 32100)' }) creditCode!: string;
  @ApiProperty({ description: 'GB/T 4754 section letter', example: 'I' }) industry!: string;
  @ApiProperty({ enum: CUSTOMER_CLASSES, isArray: true }) classes!: CustomerClass[];
  @ApiProperty({ enum: CUSTOMER_GRADES }) grade!: CustomerGrade;
  @ApiProperty({ enum: CUSTOMER_STATUSES }) status!: CustomerStatus;
  @ApiPropertyOptional({ type: String, nullable: true }) statusReason!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) gridCode!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) address!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) managerId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) managerStaffId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) groupCode!: string | null;
  @ApiProperty({ description: 'Incremented on every change (decimal string)', example: '1' })
  version!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty() createdBy!: string;
}

/** Every field a list may select with `fields`. */
export const CUSTOMER_VIEW_FIELDS = [
  'id',
  'cityCode',
  'name',
  'creditCode',
  'industry',
  'classes',
  'grade',
  'status',
  'statusReason',
  'gridCode',
  'address',
  'managerId',
  'managerStaffId',
  'groupCode',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
] as const satisfies readonly (keyof CustomerView)[];

export function toCustomerView(c: CustomerEntity): CustomerView {
  return {
    id: c.id,
    cityCode: c.cityCode,
    name: c.name,
    creditCode: c.creditCode,
    industry: c.industry,
    classes: [...c.classes],
    grade: c.grade,
    status: c.status,
    statusReason: c.statusReason,
    gridCode: c.gridCode,
    address: c.address,
    managerId: c.managerId,
    managerStaffId: c.managerStaffId,
    groupCode: c.groupCode,
    version: String(c.version),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    createdBy: c.createdBy,
  };
}
