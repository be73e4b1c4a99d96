import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type SegmentRedispatchRequested, SegmentRedispatchRequestedSchema } from '@kaf/contracts';
import { FederatedHandlers } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import { deadlinesToken, type DurableDeadlines } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { isSegmentOpen } from '../../domain/order-progress';
import { isOrderFinal } from '../../domain/order-states';
import {
  ONE_STOP_POLICY_READER,
  type OneStopPolicyReader,
  slaSecondsOf,
} from '../../policy/one-stop-policy.reader';
import type { CircuitOrderEntity } from '../circuit-order.entity';
import { CircuitOrderRepository } from '../circuit-order.repository';
import type { CircuitSegmentEntity } from '../circuit-segment.entity';
import { SLA_CHECKS } from '../circuit-orders-queues';
import { armSlaTimers } from '../sla/sla-timers';
import { SegmentEscalations } from '../sla/segment-escalations';
import { CircuitOrderMessages } from './circuit-order.messages';
import { CircuitOrderSaga } from './circuit-order.saga';
import { CoordinatorRequests } from './coordinator-requests';

/**
 * The coordinator asks for a stuck segment to be sent again: the current attempt is cancelled at
 * its node and attempt + 1 dispatched with a new deadline and timer. Only while the order is not
 * final (nor being cancelled) and the segment still open; otherwise the request is recorded as
 * ignored.
 */
@Injectable()
export class SegmentRedispatchRequestedHandler implements OnModuleInit {
  private readonly logger = new Logger(SegmentRedispatchRequestedHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly requests: CoordinatorRequests,
    private readonly store: CircuitOrderRepository,
    private readonly saga: CircuitOrderSaga,
    private readonly messages: CircuitOrderMessages,
    @Inject(deadlinesToken(SLA_CHECKS.queue)) private readonly timers: DurableDeadlines,
    private readonly escalations: SegmentEscalations,
    @Inject(ONE_STOP_POLICY_READER) private readonly policies: OneStopPolicyReader,
  ) {}

  onModuleInit(): void {
    // The coordinator may be another province than the home city's; the order names which (claim).
    this.handlers.on(SegmentRedispatchRequestedSchema, 'any', (request, message, tx) =>
      this.handle(request, message, tx),
    );
  }

  async handle(
    request: SegmentRedispatchRequested,
    message: InboundMessage,
    tx: EntityManager,
  ): Promise<void> {
    const order = await this.requests.claim(tx, 'redispatch', request, message);
    if (!order) return;
    const segments = await this.store.segmentsOf(tx, order.id);
    const segment = segments.find((s) => s.id === request.segmentId);
    if (!segment) {
      throw new PermanentMessageError(
        `re-dispatch request: order ${order.id} has no segment ${request.segmentId}`,
      );
    }
    const refusal = refusalOf(order, segment);
    if (refusal) {
      await this.requests.settle(tx, request.requestId, `ignored: ${refusal}`);
      this.logger.log({
        msg: 're-dispatch request ignored',
        orderId: order.id,
        segmentId: segment.id,
        refusal,
      });
      return;
    }
    await this.redispatch(tx, order, segments, segment, request, message.source);
    await this.requests.settle(tx, request.requestId, `re-dispatched as attempt ${segment.attempt}`);
    // Scheduled before the inbox transaction commits (there is no after-commit here): a timer for
    // an attempt that then rolls back finds it not current and does nothing; one that fails to be
    // scheduled is made up by the reconciler.
    await armSlaTimers(this.timers, [
      { segmentId: segment.id, attempt: segment.attempt, deadline: segment.deadline },
    ]);
  }

  private async redispatch(
    tx: EntityManager,
    order: CircuitOrderEntity,
    segments: CircuitSegmentEntity[],
    segment: CircuitSegmentEntity,
    request: SegmentRedispatchRequested,
    coordinator: string,
  ): Promise<void> {
    const previous = { attempt: segment.attempt, state: segment.state };
    const why = `re-dispatched by the coordinator ${coordinator}${request.requestedBy ? ` (${request.requestedBy})` : ''}: ${request.reason || 'no reason given'}`;
    await this.messages.cancelRequested(
      tx,
      order,
      [{ segment, attempt: previous.attempt }],
      `superseded by re-dispatch: ${request.reason || 'no reason given'}`,
    );
    const policy = await this.policies.current();
    const now = new Date();
    Object.assign(segment, {
      attempt: previous.attempt + 1,
      state: 'dispatched',
      statusVersion: 0n,
      workOrderId: null,
      refusedOnReceipt: false,
      reason: null,
      expectedCompletionDate: null,
      circuitId: null,
      handover: null,
      deadline: new Date(now.getTime() + slaSecondsOf(policy, order.product, segment.role) * 1000),
      dispatchedAt: now,
      acknowledgedAt: null,
    } satisfies Partial<CircuitSegmentEntity>);
    await this.store.record(tx, [
      {
        orderId: order.id,
        segmentId: segment.id,
        role: segment.role,
        nodeCode: segment.nodeCode,
        attempt: previous.attempt,
        fromState: previous.state,
        toState: 'cancelling',
        reason: 'superseded by re-dispatch',
        source: 'coordinator',
        actor: coordinator,
      },
      {
        orderId: order.id,
        segmentId: segment.id,
        role: segment.role,
        nodeCode: segment.nodeCode,
        attempt: segment.attempt,
        toState: 'dispatched',
        reason: why,
        source: 'coordinator',
        actor: coordinator,
      },
    ]);
    await this.escalations.redispatched(tx, segment.id, previous.attempt);
    await this.messages.workRequested(tx, order, [segment]);
    await this.saga.advance(tx, order, segments, { source: 'coordinator', actor: coordinator });
  }
}

function refusalOf(order: CircuitOrderEntity, segment: CircuitSegmentEntity): string | undefined {
  if (
    isOrderFinal(order.state) ||
    order.state === 'assessingCancellation' ||
    order.state === 'pendingCancellation'
  ) {
    return `the order is ${order.state}`;
  }
  if (!isSegmentOpen(segment.state)) return `the segment is ${segment.state}`;
  return undefined;
}
