import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type SegmentStatusChanged, SegmentStatusChangedSchema } from '@kaf/contracts';
import { FederatedHandlers } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { isCalendarDate } from '@kaf/platform';
import { isSegmentEnded } from '../../domain/order-progress';
import { isWorkOrderState, type WorkOrderState } from '../../domain/work-order-states';
import { CircuitOrderRepository } from '../circuit-order.repository';
import { CircuitOrdersMetrics } from '../circuit-orders.metrics';
import type { CircuitOrderEntity } from '../circuit-order.entity';
import type { CircuitSegmentEntity } from '../circuit-segment.entity';
import { CircuitOrderSaga } from './circuit-order.saga';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The saga's reaction to a segment node's news. Only the node the segment was sent to may report
 * on it; the highest work-order version of the current attempt wins, so duplicates and reordered
 * statuses change nothing; a superseded attempt's statuses only join the segment's history.
 */
@Injectable()
export class SegmentStatusChangedHandler implements OnModuleInit {
  private readonly logger = new Logger(SegmentStatusChangedHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly store: CircuitOrderRepository,
    private readonly saga: CircuitOrderSaga,
    private readonly metrics: CircuitOrdersMetrics,
  ) {}

  onModuleInit(): void {
    // Any node may carry a segment; the stored segment names which one may report on it.
    this.handlers.on(SegmentStatusChangedSchema, 'any', (status, message, tx) =>
      this.handle(status, message, tx),
    );
  }

  async handle(status: SegmentStatusChanged, message: InboundMessage, tx: EntityManager): Promise<void> {
    const state = checkShape(status);
    const order = await this.store.lockOrder(tx, status.orderId);
    if (!order) throw new PermanentMessageError(`segment status for unknown circuit order ${status.orderId}`);
    const segments = await this.store.segmentsOf(tx, order.id);
    const segment = segments.find((s) => s.id === status.segmentId);
    if (!segment) {
      throw new PermanentMessageError(`circuit order ${order.id} has no segment ${status.segmentId}`);
    }
    if (message.source !== segment.nodeCode || status.nodeCode !== segment.nodeCode) {
      throw new PermanentMessageError(
        `status of segment ${segment.id} (${segment.role}) sent by ${message.source} for node ${status.nodeCode}; the segment was sent to ${segment.nodeCode}`,
      );
    }
    if (status.attempt > segment.attempt) {
      throw new PermanentMessageError(
        `status of segment ${segment.id} for attempt ${status.attempt}, which was never dispatched (current ${segment.attempt})`,
      );
    }
    const history = historyOf(order, segment, status, state);
    if (status.attempt < segment.attempt) {
      // A superseded attempt (re-dispatched): its news is history, not the segment's state.
      await this.store.record(tx, [{ ...history, fromState: null }]);
      return;
    }
    if (status.version <= segment.statusVersion) {
      this.logger.debug({
        msg: 'stale segment status ignored',
        segmentId: segment.id,
        version: status.version,
      });
      return;
    }
    this.apply(order, segments, segment, status, state);
    await this.store.record(tx, [history]);
    await this.saga.advance(tx, order, segments, { source: 'segment-node', actor: segment.nodeCode });
  }

  private apply(
    order: CircuitOrderEntity,
    segments: readonly CircuitSegmentEntity[],
    segment: CircuitSegmentEntity,
    status: SegmentStatusChanged,
    state: WorkOrderState,
  ): void {
    const now = new Date();
    segment.statusVersion = status.version;
    if (status.workOrderId) segment.workOrderId = status.workOrderId;
    if (segment.acknowledgedAt === null) {
      // A node's first status is version 1: a refusal on receipt is `rejected` at version 1. A
      // later rejection (after the resource check) that overtakes its acknowledgement, e.g. a
      // replayed message, was acknowledged all the same and fails the order rather than rejecting it.
      if (state === 'rejected' && status.version === 1n) {
        segment.refusedOnReceipt = true;
      } else if (state !== 'cancelled') {
        segment.acknowledgedAt = now;
        this.observeAcknowledged(order, segments, segment, now);
      }
    }
    // A segment being cancelled stays so until its node confirms the cancel or says it ended.
    segment.state = segment.state === 'cancelling' && !isSegmentEnded(state) ? 'cancelling' : state;
    segment.reason = status.reason || null;
    if (status.expectedCompletionDate) segment.expectedCompletionDate = status.expectedCompletionDate;
    if (status.circuitId) segment.circuitId = status.circuitId;
    if (status.handover) segment.handover = status.handover;
  }

  private observeAcknowledged(
    order: CircuitOrderEntity,
    segments: readonly CircuitSegmentEntity[],
    segment: CircuitSegmentEntity,
    now: Date,
  ): void {
    this.metrics.segmentAcknowledged.observe(
      { role: segment.role },
      (now.getTime() - segment.dispatchedAt.getTime()) / 1000,
    );
    if (segments.every((s) => s.attempt === 1 && s.acknowledgedAt !== null)) {
      this.metrics.orderAcknowledged.observe((now.getTime() - order.createdAt.getTime()) / 1000);
    }
  }
}

/** The status's state, once its fields are what a node of ours sends; else it is dead-lettered. */
function checkShape(status: SegmentStatusChanged): WorkOrderState {
  const problems: string[] = [];
  if (!UUID.test(status.orderId)) problems.push('order_id is not a UUID');
  if (!UUID.test(status.segmentId)) problems.push('segment_id is not a UUID');
  if (status.workOrderId && !UUID.test(status.workOrderId)) problems.push('work_order_id is not a UUID');
  // Attempts and versions are stored as PostgreSQL integer and bigint.
  if (status.attempt < 1 || status.attempt > 2_147_483_647) problems.push('attempt must be 1 … 2^31-1');
  if (status.version < 1n || status.version > 9_223_372_036_854_775_807n) {
    problems.push('version must be 1 … 2^63-1');
  }
  if (!isWorkOrderState(status.state)) problems.push(`state ${status.state} is not a work-order state`);
  if (status.expectedCompletionDate && !isCalendarDate(status.expectedCompletionDate)) {
    problems.push('expected_completion_date is not YYYY-MM-DD');
  }
  if (problems.length)
    throw new PermanentMessageError(`malformed SegmentStatusChanged: ${problems.join('; ')}`);
  return status.state as WorkOrderState;
}

function historyOf(
  order: CircuitOrderEntity,
  segment: CircuitSegmentEntity,
  status: SegmentStatusChanged,
  state: WorkOrderState,
) {
  return {
    orderId: order.id,
    segmentId: segment.id,
    role: segment.role,
    nodeCode: segment.nodeCode,
    attempt: status.attempt,
    statusVersion: status.version,
    fromState: segment.state as string | null,
    toState: state,
    reason: status.reason || null,
    source: 'segment-node' as const,
    actor: segment.nodeCode,
    reportedAt: status.changedAt ? timestampDate(status.changedAt) : null,
  };
}
