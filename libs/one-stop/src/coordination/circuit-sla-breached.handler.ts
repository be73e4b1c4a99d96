import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type CircuitSlaBreached, CircuitSlaBreachedSchema } from '@kaf/contracts';
import {
  FederatedHandlers,
  NODE_IDENTITY,
  type NodeIdentity,
  TOPOLOGY,
  type Topology,
} from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { UUID } from '../domain/home-city-sender';
import { breachRefusal } from './coordination-admission';
import { CoordinationMetrics } from './coordination.metrics';
import { CoordinatedOrdersRepository } from './coordinated-orders.repository';
import { HeldSegmentEscalations } from './held-segment-escalations';

/**
 * CircuitSlaBreached from a home city not yet upgraded to EscalationRaised (ADR 0045): held like
 * any late segment, one per segment attempt; a re-sent breach (same escalation id, or the same
 * attempt) changes nothing. Accepted for one release, then retired.
 */
@Injectable()
export class CircuitSlaBreachedHandler implements OnModuleInit {
  private readonly logger = new Logger(CircuitSlaBreachedHandler.name);

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
    this.handlers.on(CircuitSlaBreachedSchema, 'any', (breach, message, tx) =>
      this.handle(breach, message, tx),
    );
  }

  async handle(breach: CircuitSlaBreached, message: InboundMessage, tx: EntityManager): Promise<void> {
    // Only a well-formed order id may be looked up; the refusal below names what is wrong otherwise.
    const order = UUID.test(breach.orderId) ? await this.store.lock(tx, breach.orderId) : undefined;
    const refusal = breachRefusal(breach, message.source, this.identity.code, this.topology, order);
    if (refusal) throw new PermanentMessageError(refusal);
    if (!(await this.escalations.holdBreach(tx, breach, order))) return;
    this.metrics.escalations.inc();
    this.logger.log({
      msg: order ? 'escalation raised' : 'escalation raised before the order status arrived',
      orderId: breach.orderId,
      segmentId: breach.segmentId,
      attempt: breach.attempt,
      role: breach.role,
      nodeCode: breach.nodeCode,
    });
  }
}
