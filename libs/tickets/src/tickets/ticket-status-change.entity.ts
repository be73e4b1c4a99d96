import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TicketStatus } from './ticket-vocabulary';

/** One entry of a ticket's TMF621 `statusChange` history; the first has no `from`. */
@Entity('trouble_ticket_status_change')
@Index('trouble_ticket_status_change_ticket_idx', ['ticketId', 'changedAt'])
export class TicketStatusChangeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'ticket_id' })
  ticketId!: string;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus!: TicketStatus | null;

  @Column('text', { name: 'to_status' })
  toStatus!: TicketStatus;

  @Column('varchar', { length: 500, nullable: true })
  reason!: string | null;

  /** Staff id, or a system's name (a fault check's answer, the auto-close). */
  @Column('text', { name: 'changed_by' })
  changedBy!: string;

  @Column('timestamptz', { name: 'changed_at' })
  changedAt!: Date;
}
