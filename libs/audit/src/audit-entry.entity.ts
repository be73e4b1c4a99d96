import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One write made through the API: who, what, when, and the record before and after. */
@Entity('audit_entry')
@Index('audit_entry_resource_idx', ['resourceType', 'resourceId', 'occurredAt'])
@Index('audit_entry_actor_idx', ['actorSubject', 'occurredAt'])
export class AuditEntryEntity {
  /** UUIDv7: time-ordered. */
  @PrimaryColumn('uuid')
  id!: string;

  @Index('audit_entry_occurred_at_idx')
  @Column('timestamptz', { name: 'occurred_at', default: () => 'now()' })
  occurredAt!: Date;

  @Column('text', { name: 'actor_subject' })
  actorSubject!: string;

  @Column('text', { name: 'actor_roles', array: true })
  actorRoles!: string[];

  @Column('text', { name: 'actor_node' })
  actorNode!: string;

  /** e.g. `customer.create`, `contact.update`, `manager.reassign`. */
  @Column('text')
  action!: string;

  @Column('text', { name: 'resource_type' })
  resourceType!: string;

  @Column('text', { name: 'resource_id' })
  resourceId!: string;

  @Column('jsonb', { nullable: true })
  before!: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after!: Record<string, unknown> | null;

  @Column('text', { name: 'correlation_id', nullable: true })
  correlationId!: string | null;
}
