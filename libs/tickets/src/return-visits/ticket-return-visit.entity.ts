import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const RETURN_VISIT_STATES = ['open', 'done', 'cancelled'] as const;
export type ReturnVisitState = (typeof RETURN_VISIT_STATES)[number];

/**
 * The call back (回访) after a complaint or fault is resolved: a task for the ticket's owner,
 * and what the customer said. The comment is personal to the customer and stays in the city.
 */
@Entity('ticket_return_visit')
@Index('ticket_return_visit_ticket_idx', ['ticketId'])
// One open return visit per ticket: a resolve heard twice does not open a second.
@Index('ticket_return_visit_one_open_key', ['ticketId'], { unique: true, where: `state = 'open'` })
@Check('ticket_return_visit_state_chk', `state IN ('open', 'done', 'cancelled')`)
@Check('ticket_return_visit_satisfaction_chk', `satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5`)
export class TicketReturnVisitEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'ticket_id' })
  ticketId!: string;

  @Column('uuid', { name: 'task_id', nullable: true })
  taskId!: string | null;

  @Column('text', { name: 'owner_staff_id' })
  ownerStaffId!: string;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('timestamptz', { name: 'done_at', nullable: true })
  doneAt!: Date | null;

  @Column('smallint', { nullable: true })
  satisfaction!: number | null;

  @Column('varchar', { length: 1000, nullable: true })
  comment!: string | null;

  /** Whether the customer confirmed the resolution (null until done). */
  @Column('boolean', { nullable: true })
  confirmed!: boolean | null;

  @Column('text', { default: 'open' })
  state!: ReturnVisitState;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
