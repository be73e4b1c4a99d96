import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type CircuitOrderStatus, CircuitOrderStatusSchema } from '@kaf/contracts';
import {
  FederatedHandlers,
  NODE_IDENTITY,
  type NodeIdentity,
  TOPOLOGY,
  type Topology,
} from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { admitOrderStatus } from './coordination-admission';
import { CoordinationMetrics } from './coordination.metrics';
import { CoordinatedOrdersRepository } from './coordinated-orders.repository';
import { HeldSegmentEscalations } from './held-segment-escalations';

/**
 * Keeps the highest version of each order this node coordinates, as its home city reports it,
 * and closes the escalations of the order the new status has overtaken.
 * A status from anyone but the home city, or for an order another node coordinates, is refused
 * for good (dead-lettered).
 */
@Injectable()
export class CircuitOrderStatusHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly store: CoordinatedOrdersRepository,
    private readonly escalations: HeldSegmentEscalations,
    private readonly metrics: CoordinationMetrics,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    // The home city may lie in another province than the coordinator (it need not be an end).
    this.handlers.on(CircuitOrderStatusSchema, 'any', (status, message, tx) =>
      this.handle(status, message, tx),
    );
  }

  async handle(status: CircuitOrderStatus, message: InboundMessage, tx: EntityManager): Promise<void> {
    const admission = admitOrderStatus(status, message.source, this.identity.code, this.topology);
    if ('refusal' in admission) {
      this.metrics.statuses.inc({ outcome: 'refused' });
      throw new PermanentMessageError(admission.refusal);
    }
    const existing = await this.store.lock(tx, status.orderId);
    if (existing && existing.homeNode !== status.homeNode) {
      this.metrics.statuses.inc({ outcome: 'refused' });
      throw new PermanentMessageError(
        `order ${status.orderId} belongs to ${existing.homeNode}; ${status.homeNode} cannot report on it`,
      );
    }
    const outcome = await this.store.applyStatus(tx, status, admission.plan, existing);
    if (outcome === 'applied') {
      const order = await this.store.lock(tx, status.orderId.toLowerCase());
      if (order) await this.escalations.settle(tx, order);
    }
    this.metrics.statuses.inc({ outcome });
  }
}
