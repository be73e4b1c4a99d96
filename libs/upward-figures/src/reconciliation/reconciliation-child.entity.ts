import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A difference as stored: totals by name as decimal strings (fen), null for a side without the line. */
export type StoredFigures = Record<string, string>;
export interface StoredDifference {
  city: string;
  month: string;
  ours: StoredFigures | null;
  theirs: StoredFigures | null;
}

/** One child's part in a reconciliation run: whether it answered, what differed, what was resent. */
@Entity('reconciliation_child')
export class ReconciliationChildEntity {
  @PrimaryColumn('uuid', { name: 'run_id' })
  runId!: string;

  /** The child node asked (a city at a province, a province at the national node). */
  @PrimaryColumn('text', { name: 'child_code' })
  childCode!: string;

  /** The cities whose lines the child answers for (itself, or the province's cities). */
  @Column('text', { array: true })
  cities!: string[];

  @Column('uuid', { name: 'request_message_id' })
  requestMessageId!: string;

  @Column('timestamptz', { name: 'answered_at', nullable: true })
  answeredAt!: Date | null;

  /** The answer came after the run had closed (it is still compared and recorded). */
  @Column('boolean', { default: false })
  late!: boolean;

  @Column('int', { name: 'lines_compared', default: 0 })
  linesCompared!: number;

  @Column('jsonb')
  differences!: StoredDifference[];

  /** Months and cities of the FiguresResyncRequest sent to the child; empty when none was needed. */
  @Column('text', { name: 'resync_months', array: true, default: () => `'{}'` })
  resyncMonths!: string[];

  @Column('text', { name: 'resync_cities', array: true, default: () => `'{}'` })
  resyncCities!: string[];

  @Column('uuid', { name: 'resync_message_id', nullable: true })
  resyncMessageId!: string | null;
}
