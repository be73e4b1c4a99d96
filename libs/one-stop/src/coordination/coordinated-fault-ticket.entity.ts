import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One node's check of a coordinated fault ticket, as the home city last reported it. */
export interface CoordinatedFaultCheck {
  checkId: string;
  segmentId: string;
  role: string;
  nodeCode: string;
  /** sent | found | notFound | restored | overdue | cancelled. */
  state: string;
  dueAt: string | null;
  answeredAt: string | null;
  /** 1 for the ticket's first checks, n + 1 after its n-th reopen (absent in rows kept before rounds). */
  round?: number;
}

/**
 * A fault ticket on a circuit whose order this node coordinates (ADR 0047): the highest version
 * the home city sent. No personal data: no reporter, no description, no contact.
 */
@Entity('coordinated_fault_ticket')
@Index('coordinated_fault_ticket_order_idx', ['orderId'])
@Index('coordinated_fault_ticket_changed_idx', ['changedAt'])
@Check('coordinated_fault_ticket_version_chk', 'version >= 1')
export class CoordinatedFaultTicketEntity {
  @PrimaryColumn('uuid', { name: 'ticket_id' })
  ticketId!: string;

  /** Monotonic per ticket at the home city; only a higher one replaces the row. */
  @Column('bigint')
  version!: string;

  @Column('text', { name: 'home_node' })
  homeNode!: string;

  @Column('uuid', { name: 'circuit_id' })
  circuitId!: string;

  /** The coordinated order that made the circuit. */
  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  /** TMF621 status of the ticket. */
  @Column('text')
  status!: string;

  @Column('text')
  severity!: string;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('timestamptz', { name: 'restored_at', nullable: true })
  restoredAt!: Date | null;

  @Column('jsonb')
  checks!: CoordinatedFaultCheck[];

  /** When the change happened at the home city (its clock). */
  @Column('timestamptz', { name: 'changed_at' })
  changedAt!: Date;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
