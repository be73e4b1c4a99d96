import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type FaultCheckRequested, FaultCheckRequestedSchema } from '@kaf/contracts';
import {
  FederatedHandlers,
  NODE_IDENTITY,
  type NodeIdentity,
  TOPOLOGY,
  type Topology,
} from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { faultCheckRefusal, faultCheckSegmentRefusal } from './fault-check.rules';
import { WorkOrderRepository } from './work-order.repository';

/**
 * The home city of a circuit asks this node to check its segment for a fault (ADR 0047). The
 * check becomes a work order of kind faultCheck, acknowledged, for this node's provisioning
 * engineers; it copies the segment's site from the provisioning work order (local data, for the
 * field crew). One work order per check id: a redelivery under any message id changes nothing.
 */
@Injectable()
export class FaultCheckRequestedHandler implements OnModuleInit {
  private readonly logger = new Logger(FaultCheckRequestedHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly store: WorkOrderRepository,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    // Sideways work: the sender must be the home city of the segment's order, checked below.
    this.handlers.on(FaultCheckRequestedSchema, 'any', (request, message, tx) =>
      this.handle(request, message, tx),
    );
  }

  async handle(request: FaultCheckRequested, message: InboundMessage, tx: EntityManager): Promise<void> {
    const segmentId = request.segmentId.toLowerCase();
    const refusal = faultCheckRefusal(request, message.source, this.topology);
    if (refusal) throw new PermanentMessageError(refusal);
    await this.store.lockSegment(tx, segmentId);
    const attempts = await this.store.attemptsOf(tx, segmentId);
    const segment = attempts.filter((w) => w.requestedAt !== null).at(-1);
    const problem = faultCheckSegmentRefusal(request, message.source, this.identity.code, segment);
    if (problem || !segment) throw new PermanentMessageError(problem ?? `no segment ${segmentId}`);
    if (await this.store.checkOf(tx, request.checkId)) return;
    const created = await this.store.create(
      tx,
      {
        orderId: segment.orderId,
        segmentId,
        attempt: segment.attempt,
        homeNode: message.source,
      },
      {
        kind: 'faultCheck',
        checkId: request.checkId.toLowerCase(),
        ticketId: request.ticketId.toLowerCase(),
        severity: text(request.severity),
        role: segment.role,
        customerId: segment.customerId,
        customerName: text(request.companyName) ?? segment.customerName,
        product: segment.product,
        bandwidthMbps: segment.bandwidthMbps,
        siteAddress: segment.siteAddress,
        siteContactName: segment.siteContactName,
        siteContactPhone: segment.siteContactPhone,
        aEndNode: segment.aEndNode,
        zEndNode: segment.zEndNode,
        requestedCompletionDate: null,
        deadline: request.dueAt ? timestampDate(request.dueAt) : null,
        notes: text(request.description),
        requestedAt: new Date(),
        action: segment.action,
        circuitRef: request.circuitId.toLowerCase(),
        ceaseDate: null,
        circuitId: segment.circuitId,
      },
      'acknowledged',
      null,
    );
    if (created) {
      this.logger.log({
        msg: 'fault check received',
        checkId: created.checkId,
        ticketId: created.ticketId,
        segmentId,
      });
    }
  }
}

/** Empty strings are absent values; NUL, which PostgreSQL text refuses, is dropped. */
function text(value: string): string | null {
  const cleaned = value.replaceAll('\u0000', '').trim();
  return cleaned === '' ? null : cleaned;
}
