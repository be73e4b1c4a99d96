import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One line of a city-month's service quality: the tickets of one type and severity of customers of
 * one grade, with the figures of SERVICE_QUALITY_MEASURE (columns as SERVICE_QUALITY_COLUMNS).
 * The analytics read these lines; defined once, held at both tiers.
 */
@Entity('service_quality_line')
@Index('service_quality_line_month_idx', ['billingMonth', 'provinceCode'])
export class ServiceQualityLineEntity {
  @PrimaryColumn('text', { name: 'city_code' })
  cityCode!: string;

  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  @PrimaryColumn('text', { name: 'ticket_type' })
  ticketType!: string;

  @PrimaryColumn('text')
  severity!: string;

  @PrimaryColumn('text')
  grade!: string;

  @Column('text', { name: 'province_code' })
  provinceCode!: string;

  @Column('bigint', { name: 'opened', default: 0 })
  opened!: string;

  @Column('bigint', { name: 'closed', default: 0 })
  closed!: string;

  @Column('bigint', { name: 'response_due', default: 0 })
  responseDue!: string;

  @Column('bigint', { name: 'response_met', default: 0 })
  responseMet!: string;

  @Column('bigint', { name: 'restore_due', default: 0 })
  restoreDue!: string;

  @Column('bigint', { name: 'restore_met', default: 0 })
  restoreMet!: string;

  @Column('bigint', { name: 'restored_count', default: 0 })
  restoredCount!: string;

  @Column('bigint', { name: 'restore_minutes_sum', default: 0 })
  restoreMinutesSum!: string;

  @Column('bigint', { name: 'escalations_open', default: 0 })
  escalationsOpen!: string;

  @Column('bigint', { name: 'return_visits_due', default: 0 })
  returnVisitsDue!: string;

  @Column('bigint', { name: 'return_visits_done', default: 0 })
  returnVisitsDone!: string;

  @Column('bigint', { name: 'satisfaction_sum', default: 0 })
  satisfactionSum!: string;

  @Column('bigint', { name: 'satisfaction_count', default: 0 })
  satisfactionCount!: string;
}
