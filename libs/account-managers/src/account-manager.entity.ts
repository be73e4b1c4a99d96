import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ManagerTitle } from './domain/manager-chain';

/** A member of this city's account-manager chain. Staff data, kept at the city. */
@Entity('account_manager')
@Check('account_manager_title_check', `"title" IN ('account_manager', 'supervisor', 'chief')`)
@Check('account_manager_chief_top_check', `("title" = 'chief') = ("supervisor_id" IS NULL)`)
export class AccountManagerEntity {
  /** UUIDv7. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'city_code' })
  cityCode!: string;

  /** HR staff id; the `sub` of this person's bearer token, which portfolio reach matches on. */
  @Index('account_manager_staff_id_key', { unique: true })
  @Column('varchar', { name: 'staff_id', length: 64 })
  staffId!: string;

  @Column('varchar', { length: 50 })
  name!: string;

  @Column('text')
  title!: ManagerTitle;

  @Index('account_manager_supervisor_idx')
  @Column('uuid', { name: 'supervisor_id', nullable: true })
  supervisorId!: string | null;

  @ManyToOne(() => AccountManagerEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supervisor_id', foreignKeyConstraintName: 'account_manager_supervisor_fk' })
  supervisor?: AccountManagerEntity | null;

  @Column('boolean', { default: true })
  active!: boolean;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
