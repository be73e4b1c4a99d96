import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type SegmentCancelRequested, SegmentCancelRequestedSchema } from '@kaf/contracts';
import { FederatedHandlers, TOPOLOGY, type Topology } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { isWorkOrderClosed } from '../domain/work-order-states';
import { SYSTEM_ACTOR, WorkOrderRepository } from './work-order.repository';
import { cancelRequestRefusal } from './work-request.rules';

/**
 * The home city cancels a segment attempt (customer cancellation, compensation, re-dispatch).
 * An open work order is cancelled, a done one released; one already rejected, failed or
 * cancelled answers with its status again. A cancel for an attempt never seen leaves a cancelled
 * tombstone, so that the request, should it come after all, is born cancelled. Always answered.
 */
@Injectable()
export class SegmentCancelRequestedHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly store: WorkOrderRepository,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    // Sideways work: the sender's part in this order is checked against the order below.
    this.handlers.on(SegmentCancelRequestedSchema, 'any', (request, message, tx) =>
      this.handle(request, message, tx),
    );
  }

  async handle(request: SegmentCancelRequested, message: InboundMessage, tx: EntityManager): Promise<void> {
    const refusal = cancelRequestRefusal(request, message.source, this.topology);
    if (refusal) throw new PermanentMessageError(refusal);
    await this.store.lockSegment(tx, request.segmentId);
    const attempts = await this.store.attemptsOf(tx, request.segmentId);
    const foreign = attempts.find((w) => w.orderId !== request.orderId || w.homeNode !== message.source);
    if (foreign) {
      throw new PermanentMessageError(
        `segment ${request.segmentId} belongs to order ${foreign.orderId} of ${foreign.homeNode}; ${message.source} may not cancel it for order ${request.orderId}`,
      );
    }
    const reason = request.reason.replaceAll('\u0000', '').trim() || 'cancelled by the home city';
    const row = attempts.find((w) => w.attempt === request.attempt);
    if (!row) {
      await this.store.create(
        tx,
        {
          orderId: request.orderId,
          segmentId: request.segmentId,
          attempt: request.attempt,
          homeNode: message.source,
        },
        TOMBSTONE,
        'cancelled',
        reason,
      );
      return;
    }
    if (isWorkOrderClosed(row.state)) {
      await this.store.report(tx, row);
      return;
    }
    // A done work order's circuit part is torn down: the reason says so, the circuit id stays on record.
    await this.store.move(
      tx,
      row,
      'cancelled',
      row.state === 'done' ? `released: ${reason}` : reason,
      SYSTEM_ACTOR,
    );
  }
}

/** A work order known only from its cancel. */
const TOMBSTONE = {
  role: null,
  customerId: null,
  customerName: null,
  product: null,
  bandwidthMbps: null,
  siteAddress: null,
  siteContactName: null,
  siteContactPhone: null,
  aEndNode: null,
  zEndNode: null,
  requestedCompletionDate: null,
  deadline: null,
  notes: null,
  requestedAt: null,
  action: 'add',
  circuitRef: null,
  ceaseDate: null,
  circuitId: null,
};
