import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { DataSource, type EntityManager } from 'typeorm';
import { isSegmentOpen } from '../../domain/order-progress';
import { isOrderFinal, type OrderState } from '../../domain/order-states';
import type { CircuitOrderEntity } from '../circuit-order.entity';
import { CircuitOrderRepository } from '../circuit-order.repository';
import type { CircuitSegmentEntity } from '../circuit-segment.entity';
import { CircuitOrderSaga, type ChangeOrigin } from '../saga/circuit-order.saga';
import { SLA_CHECKS } from '../circuit-orders-queues';
import { armSlaTimers, type SlaTimer } from '../sla/sla-timers';
import { CircuitOrderQueries } from './circuit-order.queries';
import { type CircuitOrderView, toAuditedCircuitOrder } from './circuit-order.view';
import { ConflictError, deadlinesToken, type DurableDeadlines } from '@kaf/platform';

const HOLDABLE: readonly OrderState[] = ['acknowledged', 'inProgress', 'pending'];
const CANCELLING: readonly OrderState[] = ['assessingCancellation', 'pendingCancellation'];

/** Cancel, hold and resume of an order by the home city's staff. */
@Injectable()
export class CircuitOrderLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: CircuitOrderQueries,
    private readonly store: CircuitOrderRepository,
    private readonly saga: CircuitOrderSaga,
    private readonly audit: AuditTrail,
    @Inject(deadlinesToken(SLA_CHECKS.queue)) private readonly timers: DurableDeadlines,
  ) {}

  /** Customer cancellation: every segment still open or done is cancelled at its node. */
  cancel(scope: AccessScope, id: string, reason: string): Promise<CircuitOrderView> {
    return this.change(scope, id, 'circuit-order.cancel', async (tx, order, segments, origin) => {
      if (isOrderFinal(order.state)) {
        throw new ConflictError(
          `circuit order ${id} is ${order.state}: it can no longer be cancelled`,
          'circuit-order.not-cancellable',
        );
      }
      if (CANCELLING.includes(order.state)) {
        throw new ConflictError(
          `circuit order ${id} is already being cancelled (${order.state})`,
          'circuit-order.cancelling',
        );
      }
      await this.saga.cancel(tx, order, segments, reason, origin);
      return [];
    });
  }

  /** Puts the order on hold: SLA breaches are not escalated until it is resumed. */
  hold(scope: AccessScope, id: string, reason: string): Promise<CircuitOrderView> {
    return this.change(scope, id, 'circuit-order.hold', async (tx, order, segments, origin) => {
      if (!HOLDABLE.includes(order.state)) {
        throw new ConflictError(
          `circuit order ${id} is ${order.state}: only an acknowledged, inProgress or pending order can be held`,
          'circuit-order.not-holdable',
        );
      }
      order.heldFrom = order.state;
      await this.saga.transition(tx, order, 'held', reason, origin);
      order.heldAt = new Date();
      await this.saga.publish(tx, order, segments);
      return [];
    });
  }

  /** Resumes a held order: open segments' deadlines move on by the time held; SLA timers follow. */
  resume(scope: AccessScope, id: string): Promise<CircuitOrderView> {
    return this.change(scope, id, 'circuit-order.resume', async (tx, order, segments, origin) => {
      if (order.state !== 'held') {
        throw new ConflictError(
          `circuit order ${id} is ${order.state}, not held: there is nothing to resume`,
          'circuit-order.not-held',
        );
      }
      const heldMs = Math.max(0, Date.now() - (order.heldAt ?? new Date()).getTime());
      const open = segments.filter((s) => isSegmentOpen(s.state));
      for (const s of open) s.deadline = new Date(s.deadline.getTime() + heldMs);
      await this.saga.advance(tx, order, segments, origin, order.heldFrom ?? 'acknowledged');
      return open.map((s) => ({ segmentId: s.id, attempt: s.attempt, deadline: s.deadline }));
    });
  }

  /**
   * One change in one transaction, order then segments locked: the change, its audit entry, and
   * after the commit the SLA timers it returns.
   */
  private async change(
    scope: AccessScope,
    id: string,
    action: string,
    work: (
      tx: EntityManager,
      order: CircuitOrderEntity,
      segments: CircuitSegmentEntity[],
      origin: ChangeOrigin,
    ) => Promise<SlaTimer[]>,
  ): Promise<CircuitOrderView> {
    const { view, timers } = await this.dataSource.transaction(async (tx) => {
      const order = await this.queries.requireInScope(tx, scope, id, true);
      const segments = await this.store.segmentsOf(tx, order.id);
      const before = await this.queries.viewOf(tx, order);
      const timers = await work(tx, order, segments, { source: 'api', actor: scope.principal.subject });
      const after = await this.queries.viewOf(tx, order);
      await this.audit.record(tx, scope.principal, {
        action,
        resourceType: 'circuit-order',
        resourceId: id,
        before: toAuditedCircuitOrder(before),
        after: toAuditedCircuitOrder(after),
      });
      return { view: after, timers };
    });
    await armSlaTimers(this.timers, timers);
    return view;
  }
}
