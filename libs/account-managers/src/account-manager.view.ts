import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AccountManagerEntity } from './account-manager.entity';
import { MANAGER_TITLES, type ManagerTitle } from './domain/manager-chain';

export class AccountManagerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '440300' }) cityCode!: string;
  @ApiProperty({ example: 'E440300001' }) staffId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: MANAGER_TITLES }) title!: ManagerTitle;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) supervisorId!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export function toView(row: AccountManagerEntity): AccountManagerView {
  return {
    id: row.id,
    cityCode: row.cityCode,
    staffId: row.staffId,
    name: row.name,
    title: row.title,
    supervisorId: row.supervisorId,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
