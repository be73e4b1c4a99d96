import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A TMF621 `note` on a ticket: what staff wrote while working it. */
@Entity('trouble_ticket_note')
@Index('trouble_ticket_note_ticket_idx', ['ticketId', 'createdAt'])
export class TicketNoteEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'ticket_id' })
  ticketId!: string;

  @Column('varchar', { length: 4000 })
  text!: string;

  @Column('text')
  author!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
