import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RETURN_VISIT_STATES, type TicketReturnVisitEntity } from './ticket-return-visit.entity';

export class ReturnVisitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) taskId!: string | null;
  @ApiProperty() ownerStaffId!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) doneAt!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 5 }) satisfaction!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) comment!: string | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) confirmed!: boolean | null;
  @ApiProperty({ enum: RETURN_VISIT_STATES }) state!: string;
}

export function toReturnVisitView(v: TicketReturnVisitEntity): ReturnVisitView {
  return {
    id: v.id,
    ticketId: v.ticketId,
    taskId: v.taskId,
    ownerStaffId: v.ownerStaffId,
    dueAt: v.dueAt.toISOString(),
    doneAt: v.doneAt?.toISOString() ?? null,
    satisfaction: v.satisfaction,
    comment: v.comment,
    confirmed: v.confirmed,
    state: v.state,
  };
}

/** The audit log keeps the score and the answer, never the customer's words. */
export function toAuditedReturnVisit(
  v: TicketReturnVisitEntity,
): Omit<ReturnVisitView, 'comment'> & { comment: string | null } {
  return { ...toReturnVisitView(v), comment: v.comment === null ? null : '***' };
}
