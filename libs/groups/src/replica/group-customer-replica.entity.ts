import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A city's read-only copy of one national group-customer registry entry, as last published by
 * the national node. The highest version wins, so replays and reordering are harmless.
 */
@Entity({ name: 'group_customer_replica' })
export class GroupCustomerReplicaEntity {
  @PrimaryColumn('text', { name: 'group_code' })
  groupCode!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  @Column('text', { name: 'credit_code' })
  creditCode!: string;

  @Column('text')
  industry!: string;

  @Column('text')
  grade!: string;

  @Index('group_customer_replica_status_idx')
  @Column('text')
  status!: string;

  @Column('text', { name: 'lead_node' })
  leadNode!: string;

  @Column('bigint')
  version!: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
