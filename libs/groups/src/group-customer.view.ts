import { ApiProperty } from '@nestjs/swagger';
import { INDUSTRY_SECTION_CODES } from '@kaf/business-codes';

export const GROUP_GRADES = ['A', 'B', 'C'] as const;
export type GroupGrade = (typeof GROUP_GRADES)[number];

/** `dissolved` is final for the account, but the entry stays so that its code is never reused. */
export const GROUP_STATUSES = ['active', 'dissolved'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

/** A registry entry as every tier shows it (the national registry or a city's replica). */
export class GroupCustomerView {
  @ApiProperty({ example: 'G00000001' }) groupCode!: string;
  @ApiProperty({ maxLength: 200 }) name!: string;
  @ApiProperty({ description: 'GB 32100 unified social credit code of the parent company' })
  creditCode!: string;
  @ApiProperty({ enum: INDUSTRY_SECTION_CODES, description: 'GB/T 4754 section' }) industry!: string;
  @ApiProperty({ enum: GROUP_GRADES }) grade!: string;
  @ApiProperty({ enum: GROUP_STATUSES }) status!: string;
  @ApiProperty({ example: '440000', description: 'Node leading the account (a province, a city or CN)' })
  leadNode!: string;
  @ApiProperty({ example: '3', description: 'Monotonic per group (decimal string)' }) version!: string;
  @ApiProperty() updatedAt!: string;
}

interface GroupCustomerRow {
  groupCode: string;
  name: string;
  creditCode: string;
  industry: string;
  grade: string;
  status: string;
  leadNode: string;
  version: string;
  updatedAt: Date;
}

export function toGroupCustomerView(row: GroupCustomerRow): GroupCustomerView {
  return {
    groupCode: row.groupCode,
    name: row.name,
    creditCode: row.creditCode,
    industry: row.industry,
    grade: row.grade,
    status: row.status,
    leadNode: row.leadNode,
    version: String(row.version),
    updatedAt: row.updatedAt.toISOString(),
  };
}
