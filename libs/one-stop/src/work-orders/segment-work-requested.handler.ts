import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type SegmentWorkRequested, SegmentWorkRequestedSchema } from '@kaf/contracts';
import {
  FederatedHandlers,
  NODE_IDENTITY,
  type NodeIdentity,
  TOPOLOGY,
  type Topology,
} from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { isWorkOrderClosed } from '../domain/work-order-states';
import { isCircuitProduct } from '../domain/circuit-products';
import { CircuitTariffsService } from '../tariffs/circuit-tariffs.service';
import {
  SYSTEM_ACTOR,
  type WorkOrderDetails,
  type WorkOrderKey,
  WorkOrderRepository,
} from './work-order.repository';
import { isCalendarDate } from '@kaf/platform';
import { deadlineOf, workRequestProblem, workRequestRefusal } from './work-request.rules';
import { UUID } from '../domain/home-city-sender';

export const SUPERSEDED = 'superseded by re-dispatch';

/**
 * A home city asks this node to run one segment attempt. The request is stored as a work order
 * (acknowledged, or rejected when this node cannot take it at all) and answered with its first
 * status. A request for an attempt already held changes nothing, whatever its message id; a
 * higher attempt supersedes the older ones, and an older attempt arriving late is born cancelled.
 */
@Injectable()
export class SegmentWorkRequestedHandler implements OnModuleInit {
  private readonly logger = new Logger(SegmentWorkRequestedHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly store: WorkOrderRepository,
    private readonly tariffs: CircuitTariffsService,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    // Sideways work: the sender's part in this order is checked against the order below.
    this.handlers.on(SegmentWorkRequestedSchema, 'any', (request, message, tx) =>
      this.handle(request, message, tx),
    );
  }

  async handle(request: SegmentWorkRequested, message: InboundMessage, tx: EntityManager): Promise<void> {
    const refusal = workRequestRefusal(request, message.source, this.topology);
    if (refusal) throw new PermanentMessageError(refusal);
    await this.store.lockSegment(tx, request.segmentId);
    const attempts = await this.store.attemptsOf(tx, request.segmentId);
    const foreign = attempts.find((w) => w.orderId !== request.orderId || w.homeNode !== message.source);
    if (foreign) {
      throw new PermanentMessageError(
        `segment ${request.segmentId} belongs to order ${foreign.orderId} of ${foreign.homeNode}, not to order ${request.orderId} of ${message.source}`,
      );
    }
    const details = this.detailsOf(request);
    const same = attempts.find((w) => w.attempt === request.attempt);
    if (same) {
      // A cancel got here first: the request fills in its tombstone, which stays cancelled.
      if (same.requestedAt === null) await this.store.fillTombstone(tx, same, details);
      return;
    }
    const key: WorkOrderKey = {
      orderId: request.orderId,
      segmentId: request.segmentId,
      attempt: request.attempt,
      homeNode: request.homeNode,
    };
    const newer = attempts.find((w) => w.attempt > request.attempt);
    if (newer) {
      await this.store.create(tx, key, details, 'cancelled', `${SUPERSEDED} (attempt ${newer.attempt})`);
      return;
    }
    for (const older of attempts) {
      if (isWorkOrderClosed(older.state)) continue;
      // A done attempt is released like any cancelled done work order.
      const reason = `${older.state === 'done' ? 'released: ' : ''}${SUPERSEDED} (attempt ${request.attempt})`;
      await this.store.move(tx, older, 'cancelled', reason, SYSTEM_ACTOR);
    }
    const problem =
      workRequestProblem(request, this.identity.code, this.topology) ??
      (await this.tariffProblem(tx, request));
    if (problem) {
      this.logger.warn({
        msg: 'segment work refused on receipt',
        orderId: request.orderId,
        segmentId: request.segmentId,
        attempt: request.attempt,
        homeNode: request.homeNode,
        reason: problem,
      });
    }
    await this.store.create(tx, key, details, problem ? 'rejected' : 'acknowledged', problem ?? null);
  }

  /**
   * A change of bandwidth this node's tariff does not offer (beyond its maximum) cannot be built
   * here; a new circuit was priced from the tariff before it was ordered, or contracted.
   */
  private async tariffProblem(tx: EntityManager, request: SegmentWorkRequested): Promise<string | undefined> {
    if (request.action !== 'modify' || !isCircuitProduct(request.product)) return undefined;
    const tariff = await this.tariffs.current(request.product, tx);
    if (!tariff || request.bandwidthMbps <= tariff.maxBandwidthMbps) return undefined;
    return `bandwidth ${request.bandwidthMbps} Mbps is beyond ${this.identity.code}'s tariff limit of ${tariff.maxBandwidthMbps} Mbps for ${request.product}`;
  }

  /**
   * What is kept of the request. The site is kept only when it is this node's own site: a
   * misaddressed request may carry another city's contact, which this node must not hold.
   */
  private detailsOf(request: SegmentWorkRequested): WorkOrderDetails {
    const site =
      request.role !== 'transit' && request.site?.nodeCode === this.identity.code ? request.site : undefined;
    return {
      role: text(request.role),
      customerId: request.customerId,
      customerName: text(request.customerName),
      product: text(request.product),
      bandwidthMbps: BigInt(request.bandwidthMbps),
      siteAddress: site ? text(site.address) : null,
      siteContactName: site ? text(site.contactName) : null,
      siteContactPhone: site ? text(site.contactPhone) : null,
      aEndNode: text(request.aEndNode),
      zEndNode: text(request.zEndNode),
      requestedCompletionDate: isCalendarDateOrNull(request.requestedDate),
      deadline: deadlineOf(request),
      notes: text(request.notes),
      requestedAt: new Date(),
      action: request.action || 'add',
      circuitRef: UUID.test(request.circuitId) ? request.circuitId : null,
      ceaseDate: isCalendarDateOrNull(request.ceaseDate),
      circuitId: text(request.segmentCircuitId),
    };
  }
}

/** Empty strings are absent values; NUL, which PostgreSQL text refuses, is dropped. */
function text(value: string): string | null {
  const cleaned = value.replaceAll('\u0000', '');
  return cleaned === '' ? null : cleaned;
}

function isCalendarDateOrNull(value: string): string | null {
  return isCalendarDate(value) ? value : null;
}
