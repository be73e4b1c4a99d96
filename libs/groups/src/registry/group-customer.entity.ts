import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One entry of the national group-customer registry (集团客户), owned by the national node. */
@Entity({ name: 'group_customer' })
@Index('group_customer_filter_idx', ['status', 'industry', 'grade'])
export class GroupCustomerEntity {
  /** `G` + 8 digits, assigned by the national node from `group_customer_code_seq`. */
  @PrimaryColumn('text', { name: 'group_code' })
  groupCode!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  /** GB 32100 code of the parent company; one registry entry per parent company, ever. */
  @Index('group_customer_credit_code_key', { unique: true })
  @Column('text', { name: 'credit_code' })
  creditCode!: string;

  /** GB/T 4754 section letter. */
  @Column('text')
  industry!: string;

  @Column('text')
  grade!: string;

  @Column('text')
  status!: string;

  /** Node leading the account: a province, a city or CN. */
  @Column('text', { name: 'lead_node' })
  leadNode!: string;

  /** Incremented on every change; receivers keep the highest. */
  @Column('bigint')
  version!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
