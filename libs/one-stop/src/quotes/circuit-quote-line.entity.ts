import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { SegmentRole } from '../domain/segment-roles';
import { bigintColumn } from '../bigint-column';
import { CircuitQuoteEntity } from './circuit-quote.entity';

/** One planned segment of a quote and its node's answer (feasible null: not answered yet). */
@Entity('circuit_quote_line')
@Check('circuit_quote_line_role_chk', `role IN ('a_end', 'z_end', 'transit')`)
@Check(
  'circuit_quote_line_answer_chk',
  `(feasible IS NULL) = (answered_at IS NULL) AND (feasible IS NOT TRUE OR (one_time_fen >= 0 AND monthly_fen >= 0))`,
)
export class CircuitQuoteLineEntity {
  @PrimaryColumn('uuid', { name: 'quote_id' })
  quoteId!: string;

  @PrimaryColumn('text')
  role!: SegmentRole;

  /** The node the plan gives the segment to; only its answer is taken. */
  @Column('text', { name: 'node_code' })
  nodeCode!: string;

  @Column('boolean', { nullable: true })
  feasible!: boolean | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('bigint', { name: 'one_time_fen', nullable: true, transformer: bigintColumn })
  oneTimeFen!: bigint | null;

  @Column('bigint', { name: 'monthly_fen', nullable: true, transformer: bigintColumn })
  monthlyFen!: bigint | null;

  /** Version of the node's tariff the charges came from. */
  @Column('bigint', { name: 'tariff_version', nullable: true, transformer: bigintColumn })
  tariffVersion!: bigint | null;

  @Column('timestamptz', { name: 'answered_at', nullable: true })
  answeredAt!: Date | null;

  @ManyToOne(() => CircuitQuoteEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'quote_id' })
  quote?: CircuitQuoteEntity;
}
