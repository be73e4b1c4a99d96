import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CustomerAssignmentEntity } from './customer-assignment.entity';

export class CustomerAssignmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) fromManagerId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) toManagerId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) transferId!: string | null;
  @ApiProperty() assignedBy!: string;
  @ApiProperty() assignedAt!: string;
}

export class PortfolioTransferView {
  @ApiProperty({ format: 'uuid', description: 'Shared by the assignment history rows it wrote' })
  id!: string;
  @ApiProperty({ format: 'uuid' }) fromManagerId!: string;
  @ApiProperty({ format: 'uuid' }) toManagerId!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ description: 'How many customers moved' }) moved!: number;
  @ApiProperty({ type: [String] }) customerIds!: string[];
}

export function toAssignmentView(row: CustomerAssignmentEntity): CustomerAssignmentView {
  return {
    id: row.id,
    customerId: row.customerId,
    fromManagerId: row.fromManagerId,
    toManagerId: row.toManagerId,
    reason: row.reason,
    transferId: row.transferId,
    assignedBy: row.assignedBy,
    assignedAt: row.assignedAt.toISOString(),
  };
}
