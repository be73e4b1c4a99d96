import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { shanghaiDate } from '@kaf/platform';
import { deriveOrderProgress, isSegmentOpen, type SegmentProgress } from '../../domain/order-progress';
import { isOrderFinal, type OrderState } from '../../domain/order-states';
import type { StateChangeSource } from '../circuit-order-state-change.entity';
import type { CircuitOrderEntity } from '../circuit-order.entity';
import { CircuitOrderRepository } from '../circuit-order.repository';
import { CircuitOrdersMetrics } from '../circuit-orders.metrics';
import type { CircuitSegmentEntity } from '../circuit-segment.entity';
import { CircuitVersions } from '../../circuits/circuit-versions';
import { SegmentEscalations } from '../sla/segment-escalations';
import { CircuitOrderMessages } from './circuit-order.messages';

/** Who is behind a change, for the history. */
export interface ChangeOrigin {
  source: StateChangeSource;
  /** Staff subject or node code. */
  actor: string;
}

const HOME: (homeNode: string) => ChangeOrigin = (homeNode) => ({ source: 'home', actor: homeNode });

/**
 * The saga's moves on an order whose row and segments the caller holds locked in its
 * transaction: state changes with their history, compensation, completion, and the order's
 * absolute status for the coordinator. Every path that changes an order ends in `publish`.
 */
@Injectable()
export class CircuitOrderSaga {
  constructor(
    private readonly store: CircuitOrderRepository,
    private readonly messages: CircuitOrderMessages,
    private readonly metrics: CircuitOrdersMetrics,
    private readonly circuits: CircuitVersions,
    private readonly escalations: SegmentEscalations,
  ) {}

  /**
   * Derives the order from its segments, applies the reactions and publishes the result. `basis`
   * is the state derived from: the order's own, or on resume the state it was held from.
   */
  async advance(
    tx: EntityManager,
    order: CircuitOrderEntity,
    segments: CircuitSegmentEntity[],
    origin: ChangeOrigin,
    basis: OrderState = order.state,
  ): Promise<void> {
    const progress = deriveOrderProgress(basis, segments.map(toProgress));
    if (progress.expectedCompletionDate !== undefined) {
      order.expectedCompletionDate = progress.expectedCompletionDate;
    }
    if (progress.state !== order.state) {
      const reason = progress.reason === undefined ? order.stateReason : progress.reason;
      await this.transition(tx, order, progress.state, reason, origin);
    } else if (progress.reason !== undefined) {
      order.stateReason = progress.reason;
    }
    if (progress.compensate.length > 0) {
      const compensated = segments.filter((s) => progress.compensate.includes(s.id));
      await this.cancelSegments(
        tx,
        order,
        compensated,
        `compensation: ${order.stateReason ?? ''}`,
        HOME(order.homeNode),
      );
    }
    if (progress.completed) await this.complete(tx, order, segments);
    await this.publish(tx, order, segments);
  }

  /**
   * Cancels an order that is not final (customer or coordinator): assessingCancellation, then
   * pendingCancellation with a cancel request to every segment still open or done, then
   * `cancelled` once they have all ended, which may be at once.
   */
  async cancel(
    tx: EntityManager,
    order: CircuitOrderEntity,
    segments: CircuitSegmentEntity[],
    reason: string,
    origin: ChangeOrigin,
  ): Promise<void> {
    await this.transition(tx, order, 'assessingCancellation', reason, origin);
    await this.transition(tx, order, 'pendingCancellation', reason, origin);
    const open = segments.filter((s) => isSegmentOpen(s.state) || s.state === 'done');
    await this.cancelSegments(tx, order, open, `order cancelled: ${reason}`, origin);
    await this.advance(tx, order, segments, origin);
  }

  /** Moves the order to `to` with a history row. Leaving `held` forgets the hold. */
  async transition(
    tx: EntityManager,
    order: CircuitOrderEntity,
    to: OrderState,
    reason: string | null,
    origin: ChangeOrigin,
  ): Promise<void> {
    const from = order.state;
    order.state = to;
    order.stateReason = reason;
    if (from === 'held' && to !== 'held') {
      order.heldAt = null;
      order.heldFrom = null;
    }
    // A change or cease that ends without completing leaves the circuit as it was, free again.
    if (order.action !== 'add' && to !== 'completed' && isOrderFinal(to))
      await this.circuits.release(tx, order);
    await this.store.record(tx, [
      { orderId: order.id, fromState: from, toState: to, reason, source: origin.source, actor: origin.actor },
    ]);
    this.metrics.transitions.inc({ from, to });
  }

  /** Cancels the current attempt of each segment at its node: `cancelling` until it confirms. */
  async cancelSegments(
    tx: EntityManager,
    order: CircuitOrderEntity,
    segments: readonly CircuitSegmentEntity[],
    reason: string,
    origin: ChangeOrigin,
  ): Promise<void> {
    if (segments.length === 0) return;
    await this.store.record(
      tx,
      segments.map((s) => ({
        orderId: order.id,
        segmentId: s.id,
        role: s.role,
        nodeCode: s.nodeCode,
        attempt: s.attempt,
        fromState: s.state,
        toState: 'cancelling',
        reason,
        source: origin.source,
        actor: origin.actor,
      })),
    );
    for (const s of segments) s.state = 'cancelling';
    await this.messages.cancelRequested(
      tx,
      order,
      segments.map((segment) => ({ segment, attempt: segment.attempt })),
      reason,
    );
  }

  /**
   * Raises the order's version, saves it with its segments, closes the escalations it has
   * overtaken and tells the coordinator.
   */
  async publish(
    tx: EntityManager,
    order: CircuitOrderEntity,
    segments: CircuitSegmentEntity[],
  ): Promise<void> {
    order.version += 1;
    await this.store.save(tx, order, segments);
    await this.escalations.settle(tx, order, segments);
    await this.messages.orderStatus(tx, order, segments);
  }

  /**
   * Makes the order's version of its circuit (ADR 0038): a new circuit for `add`, the next
   * version for `modify`, the cease for `delete`; and registers that version with the national
   * node. Once: a circuit already at or past the version the order would make is left alone.
   */
  private async complete(
    tx: EntityManager,
    order: CircuitOrderEntity,
    segments: readonly CircuitSegmentEntity[],
  ): Promise<void> {
    const now = new Date();
    order.completedAt = now;
    order.completionDate = shanghaiDate(now);
    const version = await this.circuits.applyCompletedOrder(tx, order, segments);
    if (version) await this.messages.completed(tx, order, version);
  }
}

function toProgress(s: CircuitSegmentEntity): SegmentProgress {
  return {
    id: s.id,
    role: s.role,
    nodeCode: s.nodeCode,
    state: s.state,
    refusedOnReceipt: s.refusedOnReceipt,
    reason: s.reason,
    expectedCompletionDate: s.expectedCompletionDate,
  };
}
