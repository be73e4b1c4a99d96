import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TaskView } from '../tasks/task.view';
import { VISIT_CHANNELS, type CustomerVisitEntity } from './customer-visit.entity';

export class VisitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '440300' }) cityCode!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ format: 'uuid' }) managerId!: string;
  @ApiProperty() managerStaffId!: string;
  @ApiProperty({ format: 'date-time' }) visitedAt!: string;
  @ApiProperty({ enum: VISIT_CHANNELS }) channel!: string;
  @ApiProperty() summary!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) outcome!: string | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** The answer to recording a visit: the visit and the follow-up task it raised, if any. */
export class CreatedVisitView extends VisitView {
  @ApiPropertyOptional({ type: TaskView, nullable: true }) followUpTask!: TaskView | null;
}

export function toVisitView(row: CustomerVisitEntity): VisitView {
  return {
    id: row.id,
    cityCode: row.cityCode,
    customerId: row.customerId,
    managerId: row.managerId,
    managerStaffId: row.managerStaffId,
    visitedAt: row.visitedAt.toISOString(),
    channel: row.channel,
    summary: row.summary,
    outcome: row.outcome,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
