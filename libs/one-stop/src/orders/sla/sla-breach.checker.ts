import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DeadlineKind, DeadlineOutcome, OpenDeadline } from '@kaf/platform';
import { slaAttemptOf, slaDeadlineId } from './sla-timers';
import { isSegmentOpen } from '../../domain/order-progress';
import type { OrderState } from '../../domain/order-states';
import { SEGMENT_OVERDUE } from '../../domain/segment-escalation';
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
export class SlaBreachChecker implements DeadlineKind {
  private readonly logger = new Logger(SlaBreachChecker.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CircuitOrderRepository,
    private readonly escalations: SegmentEscalations,
    private readonly metrics: CircuitOrdersMetrics,
  ) {}

  /**
   * The durable deadlines (ADR 0046) of the open attempts of watched orders not yet escalated, in
   * segment order: a held order's are left out, its resume arms them again.
   */
  async listOpen(after: string, limit: number): Promise<OpenDeadline[]> {
    const rows: { id: string; attempt: number; deadline: Date }[] = await this.dataSource.query(
      `SELECT s.id, s.attempt, s.deadline
         FROM circuit_segment s
         JOIN circuit_order o ON o.id = s.order_id
        WHERE s.state IN ('dispatched', 'acknowledged', 'accepted', 'inProgress', 'pending')
          AND o.state = ANY($3)
          AND NOT EXISTS (SELECT 1 FROM raised_escalation e
                           WHERE e.subject_id = s.id::text || '/' || s.attempt
                             AND e.reason = $4 AND e.holder_node = o.coordinator)
          AND s.id > $1
        ORDER BY s.id
        LIMIT $2`,
      [
        slaAttemptOf(after)?.segmentId ?? '00000000-0000-0000-0000-000000000000',
        limit,
        WATCHED,
        SEGMENT_OVERDUE,
      ],
    );
    return rows.map((row) => ({ id: slaDeadlineId(row.id, row.attempt), dueAt: new Date(row.deadline) }));
  }

  /**
   * The deadline of one segment attempt, fired by its job. A held order stands still until its
   * resume arms the timer again; an id naming no attempt (a job of an older release) is done.
   */
  async check(id: string, now: Date): Promise<DeadlineOutcome> {
    const attempt = slaAttemptOf(id);
    if (!attempt) return { kind: 'done' };
    const outcome = await this.checkAttempt(attempt.segmentId, attempt.attempt, now);
    if (outcome.kind === 'notDue') return { kind: 'notDue', at: outcome.deadline };
    if (outcome.kind === 'held') return { kind: 'paused' };
    // Escalated now, or nothing left to escalate for this attempt.
    return { kind: 'done' };
  }

  private async checkAttempt(segmentId: string, attempt: number, now: Date): Promise<SlaCheckOutcome> {
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
