import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type CircuitOrderCancelRequested, CircuitOrderCancelRequestedSchema } from '@kaf/contracts';
import { FederatedHandlers } from '@kaf/federation';
import type { InboundMessage } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { isOrderFinal } from '../../domain/order-states';
import { CircuitOrderRepository } from '../circuit-order.repository';
import { SegmentEscalations } from '../sla/segment-escalations';
import { CircuitOrderSaga } from './circuit-order.saga';
import { CoordinatorRequests } from './coordinator-requests';

/** The coordinator cancels an order: the same path as a customer's cancellation. */
@Injectable()
export class CircuitOrderCancelRequestedHandler implements OnModuleInit {
  private readonly logger = new Logger(CircuitOrderCancelRequestedHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly requests: CoordinatorRequests,
    private readonly store: CircuitOrderRepository,
    private readonly saga: CircuitOrderSaga,
    private readonly escalations: SegmentEscalations,
  ) {}

  onModuleInit(): void {
    // The coordinator may be another province than the home city's; the order names which (claim).
    this.handlers.on(CircuitOrderCancelRequestedSchema, 'any', (request, message, tx) =>
      this.handle(request, message, tx),
    );
  }

  async handle(
    request: CircuitOrderCancelRequested,
    message: InboundMessage,
    tx: EntityManager,
  ): Promise<void> {
    const order = await this.requests.claim(tx, 'cancel', request, message);
    if (!order) return;
    let outcome: string;
    if (
      isOrderFinal(order.state) ||
      order.state === 'assessingCancellation' ||
      order.state === 'pendingCancellation'
    ) {
      outcome = `ignored: the order is ${order.state}`;
    } else {
      const segments = await this.store.segmentsOf(tx, order.id);
      const reason = `cancelled by the coordinator ${message.source}${request.requestedBy ? ` (${request.requestedBy})` : ''}: ${request.reason || 'no reason given'}`;
      await this.escalations.cancelled(tx, order);
      await this.saga.cancel(tx, order, segments, reason, { source: 'coordinator', actor: message.source });
      outcome = `cancelling: the order is ${order.state}`;
    }
    await this.requests.settle(tx, request.requestId, outcome);
    this.logger.log({
      msg: 'coordinator cancel request',
      orderId: order.id,
      requestId: request.requestId,
      outcome,
    });
  }
}
