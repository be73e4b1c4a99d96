import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ESCALATION_STATUSES, type RaisedEscalationView } from '@kaf/escalations';
import { CIRCUIT_ACTIONS } from '../../domain/circuit-actions';
import { CIRCUIT_PRODUCTS } from '../../domain/circuit-products';
import { isOrderFinal, ORDER_STATES } from '../../domain/order-states';
import { SEGMENT_ESCALATION_CLOSINGS, segmentOfSubject } from '../../domain/segment-escalation';
import { SEGMENT_ROLES } from '../../domain/segment-roles';
import { SEGMENT_STATES } from '../../domain/segment-states';
import type { CircuitOrderEntity } from '../circuit-order.entity';
import type { CircuitSegmentEntity } from '../circuit-segment.entity';

export class CircuitEndView {
  @ApiProperty({ example: '440300' }) nodeCode!: string;
  @ApiProperty() siteAddress!: string;
  @ApiProperty() contactName!: string;
  @ApiProperty() contactPhone!: string;
}

export class CircuitSegmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SEGMENT_ROLES }) role!: string;
  @ApiProperty({ example: '330100', description: 'Node running the work order' }) nodeCode!: string;
  @ApiProperty({ description: '1, raised by every re-dispatch' }) attempt!: number;
  @ApiProperty({ enum: SEGMENT_STATES }) state!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time', description: 'SLA deadline of the current attempt' }) deadline!: string;
  @ApiProperty({ format: 'date-time' }) dispatchedAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) acknowledgedAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) workOrderId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) expectedCompletionDate!:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) circuitId!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Hand-over details: ports, VLANs, notes',
  })
  handover!: string | null;
}

/** A late segment attempt raised to the coordinator (`raised_escalation`, ADR 0045). */
export class CircuitEscalationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) segmentId!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty({ enum: SEGMENT_ROLES }) role!: string;
  @ApiProperty() nodeCode!: string;
  @ApiProperty({ description: 'Node the breach was raised to' }) coordinator!: string;
  @ApiProperty({ enum: SEGMENT_STATES }) segmentState!: string;
  @ApiProperty({ format: 'date-time' }) deadline!: string;
  @ApiProperty({ format: 'date-time' }) breachedAt!: string;
  @ApiProperty({ enum: ESCALATION_STATUSES }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff id at the coordinator' })
  acknowledgedBy!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: `Why it was closed: ${SEGMENT_ESCALATION_CLOSINGS.join(', ')}, or migrated`,
  })
  closedWhy!: string | null;
}

/** What every view of an order shows, lists included. */
export class CircuitOrderSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) externalId!: string | null;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty() customerName!: string;
  @ApiProperty({ enum: CIRCUIT_ACTIONS, description: 'TMF641 action: a new circuit, a change or a cease' })
  action!: string;
  @ApiProperty({ format: 'uuid', description: 'The circuit the order makes (add) or changes' })
  circuitId!: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'For delete: last day in service',
  })
  ceaseDate!: string | null;
  @ApiProperty({ enum: CIRCUIT_PRODUCTS }) product!: string;
  @ApiProperty() bandwidthMbps!: number;
  @ApiProperty({ example: '440300' }) aEndNode!: string;
  @ApiProperty({ example: '330100' }) zEndNode!: string;
  @ApiProperty({ enum: ORDER_STATES }) state!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) stateReason!: string | null;
  @ApiProperty({ format: 'date' }) requestedCompletionDate!: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'While in progress' })
  expectedCompletionDate!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Once completed' })
  completionDate!: string | null;
  @ApiProperty({ example: '1200000', description: 'Whole fen as a decimal string' })
  monthlyChargeFen!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CircuitOrderView extends CircuitOrderSummaryView {
  @ApiProperty() homeNode!: string;
  @ApiProperty({ type: CircuitEndView }) aEnd!: CircuitEndView;
  @ApiProperty({ type: CircuitEndView }) zEnd!: CircuitEndView;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Null when both ends are in one city' })
  transitNode!: string | null;
  @ApiProperty({ description: 'Escalation point: the province, or CN across provinces' })
  coordinator!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) notes!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) quoteId!: string | null;
  @ApiProperty({ example: '500000', description: 'Whole fen as a decimal string' }) oneTimeChargeFen!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) heldAt!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: [CircuitSegmentView] }) segments!: CircuitSegmentView[];
  @ApiProperty({ type: [CircuitEscalationView] }) escalations!: CircuitEscalationView[];
}

export function toCircuitOrderSummary(row: CircuitOrderEntity): CircuitOrderSummaryView {
  return {
    id: row.id,
    externalId: row.externalId,
    customerId: row.customerId,
    customerName: row.customerName,
    action: row.action,
    circuitId: row.circuitId,
    ceaseDate: row.ceaseDate,
    product: row.product,
    bandwidthMbps: row.bandwidthMbps,
    aEndNode: row.aEndNode,
    zEndNode: row.zEndNode,
    state: row.state,
    stateReason: row.stateReason,
    requestedCompletionDate: row.requestedCompletionDate,
    expectedCompletionDate: isOrderFinal(row.state) ? null : row.expectedCompletionDate,
    completionDate: row.state === 'completed' ? row.completionDate : null,
    monthlyChargeFen: row.monthlyChargeFen.toString(),
    createdAt: row.createdAt.toISOString(),
  };
}

export function toCircuitOrderView(
  row: CircuitOrderEntity,
  segments: readonly CircuitSegmentEntity[],
  escalations: readonly RaisedEscalationView[],
): CircuitOrderView {
  return {
    ...toCircuitOrderSummary(row),
    homeNode: row.homeNode,
    aEnd: {
      nodeCode: row.aEndNode,
      siteAddress: row.aEndAddress,
      contactName: row.aEndContactName,
      contactPhone: row.aEndContactPhone,
    },
    zEnd: {
      nodeCode: row.zEndNode,
      siteAddress: row.zEndAddress,
      contactName: row.zEndContactName,
      contactPhone: row.zEndContactPhone,
    },
    transitNode: row.transitNode,
    coordinator: row.coordinator,
    notes: row.notes,
    quoteId: row.quoteId,
    oneTimeChargeFen: row.oneTimeChargeFen.toString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    heldAt: row.heldAt?.toISOString() ?? null,
    version: row.version,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    segments: segments.map(toSegmentView),
    escalations: escalations.map(toEscalationView),
  };
}

/**
 * What the audit log keeps of an order: the site contacts masked (name to its first character,
 * phone to its prefix and last four digits), since admins of other tiers may read the log.
 */
export function toAuditedCircuitOrder(view: CircuitOrderView): CircuitOrderView {
  const mask = (end: CircuitEndView): CircuitEndView => ({
    ...end,
    contactName: maskName(end.contactName),
    contactPhone: maskPhone(end.contactPhone),
  });
  return { ...view, aEnd: mask(view.aEnd), zEnd: mask(view.zEnd) };
}

function toSegmentView(s: CircuitSegmentEntity): CircuitSegmentView {
  return {
    id: s.id,
    role: s.role,
    nodeCode: s.nodeCode,
    attempt: s.attempt,
    state: s.state,
    reason: s.reason,
    deadline: s.deadline.toISOString(),
    dispatchedAt: s.dispatchedAt.toISOString(),
    acknowledgedAt: s.acknowledgedAt?.toISOString() ?? null,
    workOrderId: s.workOrderId,
    expectedCompletionDate: s.expectedCompletionDate,
    circuitId: s.circuitId,
    handover: s.handover,
  };
}

function toEscalationView(e: RaisedEscalationView): CircuitEscalationView {
  return {
    id: e.escalationId,
    segmentId: segmentOfSubject(e.subjectId)?.segmentId ?? e.subjectId,
    attempt: e.facts.attempt ?? segmentOfSubject(e.subjectId)?.attempt ?? 0,
    role: e.facts.role ?? '',
    nodeCode: e.facts.nodeCode ?? '',
    coordinator: e.holder,
    segmentState: e.facts.segmentState ?? '',
    deadline: e.dueAt,
    breachedAt: e.breachedAt,
    status: e.status,
    acknowledgedBy: e.acknowledgedBy,
    closedWhy: e.closedWhy,
  };
}

function maskName(name: string): string {
  const [first = ''] = [...name];
  return `${first}${'*'.repeat(Math.max(1, [...name].length - 1))}`;
}

function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}
