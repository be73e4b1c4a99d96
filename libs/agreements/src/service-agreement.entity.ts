import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { AgreementStatus } from './domain/agreement-status';
import type { ProductCode } from '@kaf/catalogue';

/** bigint fen in PostgreSQL, bigint in TypeScript: never a floating-point number in between. */
const fen = {
  to: (value: bigint | undefined): string | undefined => value?.toString(),
  from: (value: string | null): bigint | null => (value === null ? null : BigInt(value)),
};

/** A service agreement (集团客户服务协议) between the operator and a customer of this city. */
@Entity('service_agreement')
@Index('service_agreement_city_no_key', ['cityCode', 'agreementNo'], { unique: true })
@Index('service_agreement_customer_idx', ['customerId'])
@Index('service_agreement_manager_idx', ['managerId'])
@Index('service_agreement_end_date_idx', ['endDate'])
@Check('service_agreement_status_chk', `status IN ('draft', 'active', 'expired', 'terminated')`)
@Check('service_agreement_dates_chk', `end_date > start_date`)
@Check('service_agreement_value_chk', `monthly_value_fen BETWEEN 1 AND 10000000000000`)
@Check('service_agreement_reminder_days_chk', `reminder_days BETWEEN 1 AND 365`)
@Check('service_agreement_products_chk', `cardinality(products) > 0`)
export class ServiceAgreementEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'city_code' })
  cityCode!: string;

  @Column('text', { name: 'agreement_no' })
  agreementNo!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('varchar', { length: 200 })
  title!: string;

  @Column('text', { array: true })
  products!: ProductCode[];

  /** `YYYY-MM-DD`, first day in force. */
  @Column('date', { name: 'start_date' })
  startDate!: string;

  /** `YYYY-MM-DD`, last day in force. */
  @Column('date', { name: 'end_date' })
  endDate!: string;

  @Column('bigint', { name: 'monthly_value_fen', transformer: fen })
  monthlyValueFen!: bigint;

  @Column('uuid', { name: 'manager_id' })
  managerId!: string;

  /** Copied from the manager record: the renewal task goes to this staff id. */
  @Column('text', { name: 'manager_staff_id' })
  managerStaffId!: string;

  @Column('text')
  status!: AgreementStatus;

  @Column('integer', { name: 'reminder_days' })
  reminderDays!: number;

  /** Set once the renewal reminder for the current end date and lead time has fired. */
  @Index('service_agreement_pending_reminder_idx', {
    where: `renewal_reminded_at IS NULL AND status = 'active'`,
  })
  @Column('timestamptz', { name: 'renewal_reminded_at', nullable: true })
  renewalRemindedAt!: Date | null;

  @VersionColumn()
  version!: number;

  @Column('text', { name: 'created_by' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
