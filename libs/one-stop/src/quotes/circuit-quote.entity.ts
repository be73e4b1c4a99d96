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
import type { CircuitProduct } from '../domain/circuit-products';
import type { QuoteAction, QuoteState } from '../domain/quote-states';
import { bigintColumn } from '../bigint-column';

/**
 * Home city: a quote before order for a customer of this city, combined from the charges each
 * segment node returned (one line per planned segment).
 */
@Entity('circuit_quote')
@Index('circuit_quote_customer_idx', ['customerId', 'createdAt'])
@Index('circuit_quote_order_key', ['orderId'], { unique: true })
@Check('circuit_quote_state_chk', `state IN ('requested', 'quoted', 'infeasible', 'accepted', 'ordered')`)
@Check('circuit_quote_bandwidth_chk', `bandwidth_mbps BETWEEN 1 AND 100000`)
@Check('circuit_quote_ordered_chk', `(state = 'ordered') = (order_id IS NOT NULL)`)
@Check(
  'circuit_quote_action_chk',
  `action IN ('add', 'modify') AND (action = 'modify') = (circuit_id IS NOT NULL)`,
)
@Check('circuit_quote_reply_seconds_chk', `reply_seconds >= 1`)
@Index('circuit_quote_answer_by_idx', ['answerBy'], { where: `state = 'requested'` })
export class CircuitQuoteEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'city_code' })
  cityCode!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  /** add: a new circuit; modify: a bandwidth change of `circuitId`. */
  @Column('text', { default: 'add' })
  action!: QuoteAction;

  /** The circuit in service whose change is priced (modify only). */
  @Column('uuid', { name: 'circuit_id', nullable: true })
  circuitId!: string | null;

  @Column('text')
  product!: CircuitProduct;

  @Column('integer', { name: 'bandwidth_mbps' })
  bandwidthMbps!: number;

  @Column('text', { name: 'a_end_node' })
  aEndNode!: string;

  @Column('text', { name: 'z_end_node' })
  zEndNode!: string;

  @Column('text')
  state!: QuoteState;

  /** The policy's time for answers when the quote was asked (ADR 0040). */
  // The defaults (the default hour) only serve rows written without the service, e.g. by tests.
  @Column('integer', { name: 'reply_seconds', default: 3600 })
  replySeconds!: number;

  /** Every line must be answered by then; a quote still requested then becomes infeasible. */
  @Column('timestamptz', { name: 'answer_by', default: () => "(now() + '01:00:00')" })
  answerBy!: Date;

  /** Why infeasible: each refusing or silent line with its node's reason. */
  @Column('text', { name: 'state_reason', nullable: true })
  stateReason!: string | null;

  /** Sums of the lines, once every line is feasible. */
  @Column('bigint', { name: 'one_time_total_fen', nullable: true, transformer: bigintColumn })
  oneTimeTotalFen!: bigint | null;

  @Column('bigint', { name: 'monthly_total_fen', nullable: true, transformer: bigintColumn })
  monthlyTotalFen!: bigint | null;

  /** Set when quoted: the quote can be accepted and ordered until then. */
  @Column('timestamptz', { name: 'valid_until', nullable: true })
  validUntil!: Date | null;

  /** The circuit order that took the quote over. */
  @Column('uuid', { name: 'order_id', nullable: true })
  orderId!: string | null;

  /** Subject of the principal who asked for the quote. */
  @Column('text', { name: 'requested_by' })
  requestedBy!: string;

  @Column('timestamptz', { name: 'quoted_at', nullable: true })
  quotedAt!: Date | null;

  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt!: Date | null;

  @Column('timestamptz', { name: 'ordered_at', nullable: true })
  orderedAt!: Date | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
