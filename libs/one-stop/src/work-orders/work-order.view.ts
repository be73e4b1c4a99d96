import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FAULT_CHECK_RESULTS, WORK_ORDER_KINDS } from '../domain/fault-check-results';
import { WORK_ORDER_STATES } from '../domain/work-order-states';
import type { WorkOrderStateChangeEntity } from './work-order-state-change.entity';
import type { WorkOrderEntity } from './work-order.entity';

export class WorkOrderSiteView {
  @ApiPropertyOptional({ type: String, nullable: true, example: '杭州市西湖区文三路 90 号 3 楼机房' })
  address!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Personal data: masked unless the caller is staff of this node',
  })
  contactName!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Personal data: masked unless the caller is staff of this node',
  })
  contactPhone!: string | null;
}

export class WorkOrderStateChangeView {
  @ApiPropertyOptional({ enum: WORK_ORDER_STATES, nullable: true, description: 'Null for the first state' })
  from!: string | null;
  @ApiProperty({ enum: WORK_ORDER_STATES }) to!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({
    description: "Staff id, or 'system' for a change made by a message",
    example: 'E330100-017',
  })
  actor!: string;
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class FaultCheckView {
  @ApiProperty({ format: 'uuid', description: "The check's id at the home city" }) checkId!: string;
  @ApiProperty({ format: 'uuid', description: 'The trouble ticket at the home city' }) ticketId!: string;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['critical', 'major', 'minor'] }) severity!:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: FAULT_CHECK_RESULTS }) result!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) answeredAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) restoredAt!: string | null;
}

export class WorkOrderView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ format: 'uuid' }) segmentId!: string;
  @ApiProperty({ minimum: 1 }) attempt!: number;
  @ApiProperty({
    example: 'z_end',
    description: 'a_end | z_end | transit (a refused request keeps what it said)',
  })
  role!: string | null;
  @ApiProperty({ example: '440300', description: 'City that owns the circuit order' }) homeNode!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) customerId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) customerName!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'ethernet_private_line' }) product!:
    string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 100 }) bandwidthMbps!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '440300' }) aEndNode!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '330100' }) zEndNode!: string | null;
  @ApiPropertyOptional({
    type: WorkOrderSiteView,
    nullable: true,
    description: 'The end site; null for a transit segment',
  })
  site!: WorkOrderSiteView | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) requestedCompletionDate!:
    string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) deadline!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ enum: WORK_ORDER_STATES }) state!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) stateReason!: string | null;
  @ApiProperty({ description: 'Raised by every change; the home city keeps the highest', example: 3 })
  version!: number;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) expectedCompletionDate!:
    string | null;
  @ApiProperty({
    enum: ['add', 'modify', 'delete'],
    description: 'A new circuit, a change in service or a cease',
  })
  action!: string;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "For a change or cease: the home city's circuit",
  })
  circuitRef!: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'For a cease: last day in service',
  })
  ceaseDate!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'HZ-EPL-2026-00042' }) circuitId!:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) handover!: string | null;
  @ApiProperty({ enum: WORK_ORDER_KINDS, description: 'A segment of a circuit order, or a fault check' })
  kind!: string;
  @ApiPropertyOptional({
    type: FaultCheckView,
    nullable: true,
    description:
      'For a fault check: the check and its answer (the description is in notes, the due time in deadline)',
  })
  faultCheck!: FaultCheckView | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class WorkOrderDetailView extends WorkOrderView {
  @ApiProperty({ type: [WorkOrderStateChangeView], description: 'Oldest first' })
  history!: WorkOrderStateChangeView[];
}

/**
 * A work order as staff see it. The site contact is shown whole only to staff of this node, who
 * send the field crews; a principal of a node above gets it masked, like the audit log.
 */
export function toWorkOrderView(row: WorkOrderEntity, showContact: boolean): WorkOrderView {
  const hasSite = row.siteAddress !== null || row.siteContactName !== null || row.siteContactPhone !== null;
  return {
    id: row.id,
    orderId: row.orderId,
    segmentId: row.segmentId,
    attempt: row.attempt,
    role: row.role,
    homeNode: row.homeNode,
    customerId: row.customerId,
    customerName: row.customerName,
    product: row.product,
    bandwidthMbps: row.bandwidthMbps === null ? null : Number(row.bandwidthMbps),
    aEndNode: row.aEndNode,
    zEndNode: row.zEndNode,
    site: hasSite
      ? {
          address: row.siteAddress,
          contactName: showContact ? row.siteContactName : maskName(row.siteContactName),
          contactPhone: showContact ? row.siteContactPhone : maskPhone(row.siteContactPhone),
        }
      : null,
    requestedCompletionDate: row.requestedCompletionDate,
    deadline: row.deadline?.toISOString() ?? null,
    notes: row.notes,
    state: row.state,
    stateReason: row.stateReason,
    version: Number(row.version),
    expectedCompletionDate: row.expectedCompletionDate,
    action: row.action,
    circuitRef: row.circuitRef,
    ceaseDate: row.ceaseDate,
    circuitId: row.circuitId,
    handover: row.handover,
    kind: row.kind,
    faultCheck:
      row.kind === 'faultCheck' && row.checkId && row.ticketId
        ? {
            checkId: row.checkId,
            ticketId: row.ticketId,
            severity: row.severity,
            result: row.checkResult,
            note: row.checkNote,
            answeredAt: row.answeredAt?.toISOString() ?? null,
            restoredAt: row.restoredAt?.toISOString() ?? null,
          }
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps: the contact masked, since admins of other tiers may read it. */
export function toAuditedWorkOrder(row: WorkOrderEntity): WorkOrderView {
  return toWorkOrderView(row, false);
}

export function toStateChangeView(row: WorkOrderStateChangeEntity): WorkOrderStateChangeView {
  return {
    from: row.fromState,
    to: row.toState,
    reason: row.reason,
    actor: row.actor,
    version: Number(row.version),
    at: row.changedAt.toISOString(),
  };
}

/** Keeps the first character: `王**`. */
export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const [first = ''] = [...name];
  return `${first}${'*'.repeat(Math.max(1, [...name].length - 1))}`;
}

/** Keeps the first 3 and last 4 digits of a mobile (`139****5678`), less of a short number. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
