import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ReportedCustomerEntity } from './reported-customer.entity';

/** A city's customer as its province last heard of it (business fields only). */
export class ReportedCustomerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '440300' }) cityCode!: string;
  @ApiProperty() name!: string;
  @ApiProperty() creditCode!: string;
  @ApiProperty() industry!: string;
  @ApiProperty({ type: [String] }) classes!: string[];
  @ApiProperty() grade!: string;
  @ApiProperty() status!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) managerId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) groupCode!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) gridCode!: string | null;
  @ApiProperty({ description: "The city's version of the customer (decimal string)" }) version!: string;
  @ApiProperty({ description: 'When the city last changed it' }) updatedAt!: string;
  @ApiProperty({ description: 'When this node received that version' }) receivedAt!: string;
}

export const REPORTED_CUSTOMER_VIEW_FIELDS = [
  'id',
  'cityCode',
  'name',
  'creditCode',
  'industry',
  'classes',
  'grade',
  'status',
  'managerId',
  'groupCode',
  'gridCode',
  'version',
  'updatedAt',
  'receivedAt',
] as const satisfies readonly (keyof ReportedCustomerView)[];

export function toReportedCustomerView(r: ReportedCustomerEntity): ReportedCustomerView {
  return {
    id: r.id,
    cityCode: r.cityCode,
    name: r.name,
    creditCode: r.creditCode,
    industry: r.industry,
    classes: [...r.classes],
    grade: r.grade,
    status: r.status,
    managerId: r.managerId,
    groupCode: r.groupCode,
    gridCode: r.gridCode,
    version: String(r.version),
    updatedAt: r.updatedAt.toISOString(),
    receivedAt: r.receivedAt.toISOString(),
  };
}
