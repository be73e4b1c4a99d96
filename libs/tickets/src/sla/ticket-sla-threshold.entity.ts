import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { SlaTargetName } from './ticket-sla-clock.entity';

/**
 * A point of a clock at which something happens: 50 and 80 % warn the owner, 100 % escalates,
 * 200 % of restore escalates to CN. `fired_at` is set in the transaction that acts on it, so each
 * fires once per ticket whatever fires its timer again.
 */
@Entity('ticket_sla_threshold')
@Check('ticket_sla_threshold_percent_chk', `percent IN (50, 80, 100, 200)`)
export class TicketSlaThresholdEntity {
  @PrimaryColumn('uuid', { name: 'ticket_id' })
  ticketId!: string;

  @PrimaryColumn('text')
  target!: SlaTargetName;

  @PrimaryColumn('smallint')
  percent!: number;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('timestamptz', { name: 'fired_at', nullable: true })
  firedAt!: Date | null;
}
