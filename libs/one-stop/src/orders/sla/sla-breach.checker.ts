import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isSegmentOpen } from '../../domain/order-progress';
import type { OrderState } from '../../domain/order-states';
import { CircuitOrderRepository } from '../circuit-order.repository';
import { CircuitOrdersMetrics } from '../circuit-orders.metrics';
import { SegmentEscalations } from './segment-escalations';

export type SlaCheckOutcome =
  | { kind: 'escalated'; escalationId: string; role: string }
  | { kind: 'notDue'; deadline: Date }
  | { kind: 'held' }
  | { kind: 'closed' };

/** Order states in which a late segment is escalated (held orders wait; final ones are past caring). */
const WATCHED: readonly OrderState[] = ['acknowledged', 'inProgress', 'pending'];

/**
 * The SLA check of one segment attempt, run by its timer or by the reconciler: in one
 * transaction with the order and its segments locked, a current, open attempt of a watched order
 * whose deadline has passed is raised to the coordinator (SegmentEscalations). The raiser's unique
 * key (one subject per segment attempt) makes every later check of the attempt a no-op.
 */
@Injectable()
export class SlaBreachChecker {
  private readonly logger = new Logger(SlaBreachChecker.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CircuitOrderRepository,
    private readonly escalations: SegmentEscalations,
    private readonly metrics: CircuitOrdersMetrics,
  ) {}

  async check(segmentId: string, attempt: number, now = new Date()): Promise<SlaCheckOutcome> {
    const outcome = await this.dataSource.transaction(async (tx): Promise<SlaCheckOutcome> => {
      const [found] = await tx.query<{ order_id: string }[]>(
        `SELECT order_id FROM circuit_segment WHERE id = $1`,
        [segmentId],
      );
      if (!found) return { kind: 'closed' };
      const order = await this.store.lockOrder(tx, found.order_id);
      const segment = (await this.store.segmentsOf(tx, found.order_id)).find((s) => s.id === segmentId);
      if (!order || !segment || segment.attempt !== attempt || !isSegmentOpen(segment.state)) {
        return { kind: 'closed' };
      }
      if (order.state === 'held') return { kind: 'held' };
      if (!WATCHED.includes(order.state)) return { kind: 'closed' };
      if (segment.deadline.getTime() > now.getTime()) return { kind: 'notDue', deadline: segment.deadline };
      const escalationId = await this.escalations.raise(tx, order, segment, now);
      if (!escalationId) return { kind: 'closed' };
      return { kind: 'escalated', escalationId, role: segment.role };
    });
    if (outcome.kind === 'escalated') {
      this.metrics.escalations.inc({ role: outcome.role });
      this.logger.log({
        msg: 'SLA breach escalated',
        segmentId,
        attempt,
        escalationId: outcome.escalationId,
      });
    }
    return outcome;
  }
}
