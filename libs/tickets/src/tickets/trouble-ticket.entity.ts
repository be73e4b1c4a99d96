import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type {
  TicketChannel,
  TicketPriority,
  TicketSeverity,
  TicketStatus,
  TicketType,
} from './ticket-vocabulary';

/**
 * A trouble ticket (TMF621) at the customer's home city: a fault report or a complaint, an
 * inquiry or a service request. The reporter's name and phone are personal data and stay in the
 * city like contacts (ADR 0010); nothing else on the ticket is.
 */
@Entity('trouble_ticket')
@Index('trouble_ticket_external_identifier_key', ['externalIdentifier'], {
  unique: true,
  where: 'external_identifier IS NOT NULL',
})
@Index('trouble_ticket_customer_idx', ['customerId', 'createdAt'])
@Index('trouble_ticket_owner_idx', ['ownerStaffId', 'status'])
@Index('trouble_ticket_circuit_idx', ['circuitId'], { where: 'circuit_id IS NOT NULL' })
@Index('trouble_ticket_created_idx', ['createdAt', 'id'])
@Index('trouble_ticket_open_idx', ['status'], {
  where: `status IN ('acknowledged', 'inProgress', 'pending', 'held', 'resolved')`,
})
@Check('trouble_ticket_type_chk', `ticket_type IN ('fault', 'complaint', 'inquiry', 'serviceRequest')`)
@Check('trouble_ticket_severity_chk', `severity IN ('critical', 'major', 'minor')`)
@Check('trouble_ticket_priority_chk', `priority IN ('high', 'medium', 'low')`)
@Check(
  'trouble_ticket_status_chk',
  `status IN ('acknowledged', 'inProgress', 'pending', 'held', 'resolved', 'closed', 'rejected', 'cancelled')`,
)
@Check('trouble_ticket_channel_chk', `channel IN ('phone', 'accountManager', 'web', 'networkAlarm')`)
@Check(
  'trouble_ticket_reporter_chk',
  `reporter_contact_id IS NOT NULL OR (reporter_name IS NOT NULL AND reporter_phone IS NOT NULL)`,
)
export class TroubleTicketEntity {
  /** UUIDv7, so that ids sort by creation. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'city_code' })
  cityCode!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('text', { name: 'ticket_type' })
  ticketType!: TicketType;

  @Column('text')
  severity!: TicketSeverity;

  @Column('text')
  priority!: TicketPriority;

  @Column('text')
  status!: TicketStatus;

  /** Short title (TMF621 `name`). */
  @Column('varchar', { length: 200 })
  name!: string;

  @Column('varchar', { length: 4000 })
  description!: string;

  @Column('text')
  channel!: TicketChannel;

  /** The id the reporting system gave it (a network alarm's, a hotline's): one ticket per id. */
  @Column('text', { name: 'external_identifier', nullable: true })
  externalIdentifier!: string | null;

  /** One of the customer's contacts, or a name and phone given on the ticket (personal data). */
  @Column('uuid', { name: 'reporter_contact_id', nullable: true })
  reporterContactId!: string | null;

  @Column('varchar', { name: 'reporter_name', length: 100, nullable: true })
  reporterName!: string | null;

  @Column('varchar', { name: 'reporter_phone', length: 32, nullable: true })
  reporterPhone!: string | null;

  /** The owner (assignee): an account manager's or service-desk staff member's staff id. */
  @Column('text', { name: 'owner_staff_id', nullable: true })
  ownerStaffId!: string | null;

  /** relatedEntity: a circuit of one-stop's customer circuits. */
  @Column('uuid', { name: 'circuit_id', nullable: true })
  circuitId!: string | null;

  /** relatedEntity: a service agreement of the customer. */
  @Column('uuid', { name: 'agreement_id', nullable: true })
  agreementId!: string | null;

  @Column('timestamptz', { name: 'requested_resolution_date', nullable: true })
  requestedResolutionDate!: Date | null;

  /** When the SLA expects it restored (faults) or resolved (the others); moves with pauses. */
  @Column('timestamptz', { name: 'expected_resolution_date', nullable: true })
  expectedResolutionDate!: Date | null;

  /** First response: the first move out of `acknowledged` by staff. */
  @Column('timestamptz', { name: 'responded_at', nullable: true })
  respondedAt!: Date | null;

  /** Faults: when service came back (may precede `resolutionDate`). */
  @Column('timestamptz', { name: 'restored_at', nullable: true })
  restoredAt!: Date | null;

  /** When it was (last) resolved. */
  @Column('timestamptz', { name: 'resolution_date', nullable: true })
  resolutionDate!: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  /** The ticket this duplicate was merged into (its status is then `cancelled`). */
  @Column('uuid', { name: 'merged_into', nullable: true })
  mergedInto!: string | null;

  /** Times the customer rejected the resolution. */
  @Column('integer', { name: 'reopen_count', default: 0 })
  reopenCount!: number;

  /** Rises with every change; a PATCH may name the version it read (If-Match). */
  @Column('integer', { default: 1 })
  version!: number;

  @Column('text', { name: 'created_by' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
