import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A contact person of an enterprise customer. Holds personal data (name, mobile, email, ID
 * number), which never leaves this city's database.
 */
@Entity('customer_contact')
@Index('customer_contact_customer_idx', ['customerId', 'createdAt'])
// At most one primary contact per customer, whatever the interleaving of requests.
@Index('customer_contact_one_primary_key', ['customerId'], { unique: true, where: '"is_primary"' })
export class CustomerContactEntity {
  /** UUIDv7. */
  @PrimaryColumn('uuid')
  id!: string;

  /** The customer (owned by the customers capability; no foreign key across capabilities). */
  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('varchar', { length: 50 })
  name!: string;

  /** Mainland mobile number, 11 digits. */
  @Column('varchar', { length: 11 })
  mobile!: string;

  @Column('varchar', { length: 254, nullable: true })
  email!: string | null;

  /** Job title at the customer, e.g. 信息部经理. */
  @Column('varchar', { length: 50 })
  role!: string;

  /** Resident ID number (GB 11643), stored whole, shown masked. */
  @Column('varchar', { name: 'id_number', length: 18, nullable: true })
  idNumber!: string | null;

  @Column('boolean', { name: 'is_primary', default: false })
  isPrimary!: boolean;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
