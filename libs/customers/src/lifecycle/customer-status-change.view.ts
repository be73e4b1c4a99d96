import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CUSTOMER_STATUSES } from '../domain/customer-vocabulary';
import type { CustomerStatusChangeEntity } from './customer-status-change.entity';

export class CustomerStatusChangeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiPropertyOptional({ enum: CUSTOMER_STATUSES, nullable: true, description: 'Null at creation' })
  fromStatus!: string | null;
  @ApiProperty({ enum: CUSTOMER_STATUSES }) toStatus!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() changedBy!: string;
  @ApiProperty() changedAt!: string;
}

export function toStatusChangeView(row: CustomerStatusChangeEntity): CustomerStatusChangeView {
  return {
    id: row.id,
    customerId: row.customerId,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    reason: row.reason,
    changedBy: row.changedBy,
    changedAt: row.changedAt.toISOString(),
  };
}
