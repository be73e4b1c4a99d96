import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TASK_SOURCES, TASK_STATUSES, type FollowUpTaskEntity } from './follow-up-task.entity';

/** A follow-up task as the API shows it. */
export class TaskView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '440300' }) cityCode!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) customerId!: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null when the owner is not an account manager',
  })
  assigneeManagerId!: string | null;
  @ApiProperty({ example: 'E440300001' }) assigneeStaffId!: string;
  @ApiProperty({ maxLength: 200 }) title!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: TASK_STATUSES }) status!: string;
  @ApiProperty({ enum: TASK_SOURCES }) source!: string;
  @ApiProperty({ description: 'Open and due before now' }) overdue!: boolean;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function toTaskView(row: FollowUpTaskEntity, now = new Date()): TaskView {
  return {
    id: row.id,
    cityCode: row.cityCode,
    customerId: row.customerId,
    assigneeManagerId: row.assigneeManagerId,
    assigneeStaffId: row.assigneeStaffId,
    title: row.title,
    dueAt: row.dueAt.toISOString(),
    status: row.status,
    source: row.source,
    overdue: row.status === 'open' && row.dueAt.getTime() < now.getTime(),
    completedAt: row.completedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
