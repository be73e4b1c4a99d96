import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { maskMobile, maskName } from '@kaf/contacts';
import type { TicketNoteEntity } from './ticket-note.entity';
import type { TicketStatusChangeEntity } from './ticket-status-change.entity';
import {
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_SEVERITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
} from './ticket-vocabulary';
import type { TroubleTicketEntity } from './trouble-ticket.entity';

/** TMF621 `relatedEntity`: what the ticket is about. */
export class RelatedEntityView {
  @ApiProperty({ enum: ['customer', 'circuit', 'agreement'] }) role!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Customer' }) '@referredType'!: string;
}

/** The reporter: a contact of the customer, or a name and phone (personal data, kept in the city). */
export class ReporterView {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) contactId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) name!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) phone!: string | null;
}

/** A TMF621 trouble ticket as the API shows it. */
export class TicketView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '/api/v1/trouble-tickets/0190…' }) href!: string;
  @ApiProperty({ example: '440300' }) cityCode!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: TICKET_TYPES }) ticketType!: string;
  @ApiProperty({ enum: TICKET_SEVERITIES }) severity!: string;
  @ApiProperty({ enum: TICKET_PRIORITIES }) priority!: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: string;
  @ApiProperty({ enum: TICKET_CHANNELS }) channel!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) externalIdentifier!: string | null;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) circuitId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) agreementId!: string | null;
  @ApiProperty({ type: [RelatedEntityView] }) relatedEntity!: RelatedEntityView[];
  @ApiProperty({ type: ReporterView }) reporter!: ReporterView;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The owner's staff id" }) owner!:
    string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) requestedResolutionDate!:
    string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Set by the SLA clock',
  })
  expectedResolutionDate!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) respondedAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) restoredAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) resolutionDate!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) mergedInto!: string | null;
  @ApiProperty() reopenCount!: number;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) creationDate!: string;
  @ApiProperty({ format: 'date-time' }) lastUpdate!: string;
}

export const TICKET_VIEW_FIELDS = [
  'id',
  'href',
  'cityCode',
  'name',
  'description',
  'ticketType',
  'severity',
  'priority',
  'status',
  'channel',
  'externalIdentifier',
  'customerId',
  'circuitId',
  'agreementId',
  'relatedEntity',
  'reporter',
  'owner',
  'requestedResolutionDate',
  'expectedResolutionDate',
  'respondedAt',
  'restoredAt',
  'resolutionDate',
  'closedAt',
  'mergedInto',
  'reopenCount',
  'version',
  'creationDate',
  'lastUpdate',
] as const satisfies readonly (keyof TicketView)[];

/** TMF621 `statusChange`. */
export class StatusChangeView {
  @ApiPropertyOptional({ type: String, nullable: true }) fromStatus!: string | null;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) statusChangeReason!: string | null;
  @ApiProperty({ format: 'date-time' }) statusChangeDate!: string;
  @ApiProperty() changedBy!: string;
}

/** TMF621 `note`. */
export class NoteView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() text!: string;
  @ApiProperty() author!: string;
  @ApiProperty({ format: 'date-time' }) date!: string;
}

/** One ticket with its history and notes, oldest first. */
export class TicketDetailView extends TicketView {
  @ApiProperty({ type: [StatusChangeView] }) statusChangeHistory!: StatusChangeView[];
  @ApiProperty({ type: [NoteView] }) note!: NoteView[];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toTicketView(t: TroubleTicketEntity): TicketView {
  const related: RelatedEntityView[] = [{ role: 'customer', id: t.customerId, '@referredType': 'Customer' }];
  if (t.circuitId) related.push({ role: 'circuit', id: t.circuitId, '@referredType': 'Circuit' });
  if (t.agreementId)
    related.push({ role: 'agreement', id: t.agreementId, '@referredType': 'ServiceAgreement' });
  return {
    id: t.id,
    href: `/api/v1/trouble-tickets/${t.id}`,
    cityCode: t.cityCode,
    name: t.name,
    description: t.description,
    ticketType: t.ticketType,
    severity: t.severity,
    priority: t.priority,
    status: t.status,
    channel: t.channel,
    externalIdentifier: t.externalIdentifier,
    customerId: t.customerId,
    circuitId: t.circuitId,
    agreementId: t.agreementId,
    relatedEntity: related,
    reporter: { contactId: t.reporterContactId, name: t.reporterName, phone: t.reporterPhone },
    owner: t.ownerStaffId,
    requestedResolutionDate: iso(t.requestedResolutionDate),
    expectedResolutionDate: iso(t.expectedResolutionDate),
    respondedAt: iso(t.respondedAt),
    restoredAt: iso(t.restoredAt),
    resolutionDate: iso(t.resolutionDate),
    closedAt: iso(t.closedAt),
    mergedInto: t.mergedInto,
    reopenCount: t.reopenCount,
    version: t.version,
    creationDate: t.createdAt.toISOString(),
    lastUpdate: t.updatedAt.toISOString(),
  };
}

export function toTicketDetailView(
  t: TroubleTicketEntity,
  history: TicketStatusChangeEntity[],
  notes: TicketNoteEntity[],
): TicketDetailView {
  return {
    ...toTicketView(t),
    statusChangeHistory: history.map((h) => ({
      fromStatus: h.fromStatus,
      status: h.toStatus,
      statusChangeReason: h.reason,
      statusChangeDate: h.changedAt.toISOString(),
      changedBy: h.changedBy,
    })),
    note: notes.map((n) => ({ id: n.id, text: n.text, author: n.author, date: n.createdAt.toISOString() })),
  };
}

/** What the audit log keeps of a ticket: the reporter's name and phone masked as contacts' are. */
export function toAuditedTicket(t: TroubleTicketEntity): TicketView {
  const view = toTicketView(t);
  return {
    ...view,
    reporter: {
      contactId: t.reporterContactId,
      name: t.reporterName === null ? null : maskName(t.reporterName),
      phone: t.reporterPhone === null ? null : maskMobile(t.reporterPhone),
    },
  };
}
