import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  CircuitCompletedSchema,
  CircuitOrderStatusSchema,
  CircuitSegmentStatusSchema,
  CircuitSiteSchema,
  SegmentCancelRequestedSchema,
  SegmentWorkRequestedSchema,
} from '@kaf/contracts';
import { TOPOLOGY, type Topology } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { withholdPersonalData } from '../../domain/withheld-text';
import { segmentIdsByRole } from '../../circuits/circuit-versions';
import type { CustomerCircuitVersionEntity } from '../../circuits/customer-circuit-version.entity';
import type { CircuitOrderEntity } from '../circuit-order.entity';
import type { CircuitSegmentEntity } from '../circuit-segment.entity';

/**
 * The messages the home city sends about an order, written to the outbox in the caller's
 * transaction and keyed by order id, so each node receives one order's messages in the order
 * written. Site contacts go only to the city that works that site (ADR 0010, ADR 0018); nothing bound for
 * a province or the national node carries an address, a contact or the free-text notes, and staff's
 * free-text reasons reach them with phone numbers, ID numbers and e-mail addresses withheld.
 */
@Injectable()
export class CircuitOrderMessages {
  constructor(
    private readonly outbox: OutboxWriter,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  async workRequested(
    tx: EntityManager,
    order: CircuitOrderEntity,
    segments: readonly CircuitSegmentEntity[],
  ): Promise<void> {
    // A change or cease names, for each node, its segment of the version in force.
    const inService =
      order.action === 'add' ? new Map<string, string>() : await this.segmentIdsInService(tx, order);
    await this.outbox.writeMany(
      tx,
      segments.map((segment) => {
        const end = segment.role === 'transit' ? undefined : siteOf(order, segment.role);
        return {
          schema: SegmentWorkRequestedSchema,
          target: segment.nodeCode,
          key: order.id,
          payload: create(SegmentWorkRequestedSchema, {
            orderId: order.id,
            segmentId: segment.id,
            attempt: segment.attempt,
            role: segment.role,
            homeNode: order.homeNode,
            customerId: order.customerId,
            customerName: order.customerName,
            product: order.product,
            bandwidthMbps: order.bandwidthMbps,
            ...(end ? { site: end } : {}),
            aEndNode: order.aEndNode,
            zEndNode: order.zEndNode,
            requestedDate: order.requestedCompletionDate,
            deadline: timestampFromDate(segment.deadline),
            // Free text may name people: it goes where the contacts go, to the end cities only.
            notes: end ? (order.notes ?? '') : '',
            action: order.action,
            ...(order.action !== 'add'
              ? { circuitId: order.circuitId, segmentCircuitId: inService.get(segment.role) ?? '' }
              : {}),
            ceaseDate: order.ceaseDate ?? '',
          }),
        };
      }),
    );
  }

  async cancelRequested(
    tx: EntityManager,
    order: CircuitOrderEntity,
    cancels: readonly { segment: CircuitSegmentEntity; attempt: number }[],
    reason: string,
  ): Promise<void> {
    await this.outbox.writeMany(
      tx,
      cancels.map(({ segment, attempt }) => ({
        schema: SegmentCancelRequestedSchema,
        target: segment.nodeCode,
        key: order.id,
        payload: create(SegmentCancelRequestedSchema, {
          orderId: order.id,
          segmentId: segment.id,
          attempt,
          // A city may read the reason as written; a transit node is a province or CN.
          reason: segment.role === 'transit' ? withholdPersonalData(reason) : reason,
        }),
      })),
    );
  }

  /** The order's absolute state for its coordinator (last version wins there). */
  async orderStatus(
    tx: EntityManager,
    order: CircuitOrderEntity,
    segments: readonly CircuitSegmentEntity[],
  ): Promise<void> {
    await this.outbox.write(tx, {
      schema: CircuitOrderStatusSchema,
      target: order.coordinator,
      key: order.id,
      payload: create(CircuitOrderStatusSchema, {
        orderId: order.id,
        version: BigInt(order.version),
        homeNode: order.homeNode,
        customerId: order.customerId,
        customerName: order.customerName,
        product: order.product,
        bandwidthMbps: order.bandwidthMbps,
        aEndNode: order.aEndNode,
        zEndNode: order.zEndNode,
        transitNode: order.transitNode ?? '',
        state: order.state,
        stateReason: withholdPersonalData(order.stateReason ?? ''),
        requestedDate: order.requestedCompletionDate,
        expectedCompletionDate: order.expectedCompletionDate ?? '',
        createdAt: timestampFromDate(order.createdAt),
        ...(order.completedAt ? { completedAt: timestampFromDate(order.completedAt) } : {}),
        monthlyChargeFen: order.monthlyChargeFen,
        segments: segments.map((s) =>
          create(CircuitSegmentStatusSchema, {
            segmentId: s.id,
            role: s.role,
            nodeCode: s.nodeCode,
            attempt: s.attempt,
            state: s.state,
            reason: withholdPersonalData(s.reason ?? ''),
            deadline: timestampFromDate(s.deadline),
          }),
        ),
        changedAt: timestampFromDate(new Date()),
        action: order.action,
        circuitId: order.circuitId,
      }),
    });
  }

  /** Registers the version of its circuit a completed order made with the national node for settlement. */
  async completed(
    tx: EntityManager,
    order: CircuitOrderEntity,
    version: CustomerCircuitVersionEntity,
  ): Promise<void> {
    await this.outbox.write(tx, {
      schema: CircuitCompletedSchema,
      target: this.nationalNode(),
      // One circuit's versions reach the national node in the order they were made.
      key: version.circuitId,
      payload: create(CircuitCompletedSchema, {
        orderId: order.id,
        homeNode: order.homeNode,
        customerId: order.customerId,
        product: order.product,
        bandwidthMbps: version.bandwidthMbps,
        aEndNode: order.aEndNode,
        zEndNode: order.zEndNode,
        transitNode: order.transitNode ?? '',
        monthlyChargeFen: version.monthlyChargeFen,
        oneTimeChargeFen: version.oneTimeChargeFen,
        completedAt: timestampFromDate(version.completedAt),
        circuitIds: version.circuitIds,
        circuitId: version.circuitId,
        circuitVersion: version.version,
        action: version.action,
        effectiveDate: version.effectiveDate,
      }),
    });
  }

  private async segmentIdsInService(
    tx: EntityManager,
    order: CircuitOrderEntity,
  ): Promise<Map<string, string>> {
    const [row] = await tx.query<{ circuit_ids: string[] }[]>(
      'SELECT circuit_ids FROM customer_circuit WHERE circuit_id = $1',
      [order.circuitId],
    );
    return segmentIdsByRole(row?.circuit_ids ?? []);
  }

  private nationalNode(): string {
    const national = this.topology.nodes().find((n) => n.tier === 'national');
    if (!national) throw new Error('the topology has no national node');
    return national.code;
  }
}

function siteOf(order: CircuitOrderEntity, role: 'a_end' | 'z_end') {
  return create(CircuitSiteSchema, {
    nodeCode: role === 'a_end' ? order.aEndNode : order.zEndNode,
    address: role === 'a_end' ? order.aEndAddress : order.zEndAddress,
    contactName: role === 'a_end' ? order.aEndContactName : order.zEndContactName,
    contactPhone: role === 'a_end' ? order.aEndContactPhone : order.zEndContactPhone,
  });
}
