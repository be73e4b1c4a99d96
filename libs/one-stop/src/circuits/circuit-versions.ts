import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CircuitAction } from '../domain/circuit-actions';
import type { CircuitProduct } from '../domain/circuit-products';
import type { SegmentRole } from '../domain/segment-roles';
import { CustomerCircuitVersionEntity } from './customer-circuit-version.entity';
import { CustomerCircuitEntity } from './customer-circuit.entity';

/** What a completed order tells of the circuit it made or changed. */
export interface CompletedCircuitOrder {
  id: string;
  action: CircuitAction;
  circuitId: string;
  /** For modify and delete: the version the order was taken on. */
  baseVersion: number | null;
  customerId: string;
  product: CircuitProduct;
  bandwidthMbps: number;
  aEndNode: string;
  zEndNode: string;
  transitNode: string | null;
  monthlyChargeFen: bigint;
  oneTimeChargeFen: bigint;
  completionDate: string | null;
  completedAt: Date | null;
  ceaseDate: string | null;
}

/** A segment of the order with the circuit id its node reported. */
export interface WorkedSegment {
  role: SegmentRole;
  circuitId: string | null;
}

const ROLE_ORDER: readonly SegmentRole[] = ['a_end', 'z_end', 'transit'];

/**
 * The versions of a customer's circuit as its orders complete (ADR 0038). The first order makes
 * version 1; each completed change makes the next, with the segments it worked carrying the
 * circuit ids their nodes reported and the others keeping theirs; a cease makes the last, in force
 * until its cease date. An order that fails or is cancelled releases the circuit unchanged.
 */
@Injectable()
export class CircuitVersions {
  /**
   * Records what `order` made of its circuit and returns the new version, or undefined when the
   * order was applied already (a repeated completion changes nothing).
   */
  async applyCompletedOrder(
    tx: EntityManager,
    order: CompletedCircuitOrder,
    segments: readonly WorkedSegment[],
  ): Promise<CustomerCircuitVersionEntity | undefined> {
    const completedAt = order.completedAt ?? new Date();
    const completionDate = order.completionDate!;
    if (order.action === 'add') {
      const circuit: Partial<CustomerCircuitEntity> = {
        circuitId: order.circuitId,
        orderId: order.id,
        customerId: order.customerId,
        product: order.product,
        bandwidthMbps: order.bandwidthMbps,
        aEndNode: order.aEndNode,
        zEndNode: order.zEndNode,
        transitNode: order.transitNode,
        circuitIds: circuitIdsOf(segments, []),
        monthlyChargeFen: order.monthlyChargeFen,
        oneTimeChargeFen: order.oneTimeChargeFen,
        completionDate,
        completedAt,
        version: 1,
        state: 'inService',
        ceasedOn: null,
        pendingOrderId: null,
      };
      const inserted = await tx
        .createQueryBuilder()
        .insert()
        .into(CustomerCircuitEntity)
        .values(circuit)
        .orIgnore()
        .returning('circuit_id')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) return undefined;
      return this.addVersion(tx, {
        circuitId: order.circuitId,
        version: 1,
        orderId: order.id,
        action: 'add',
        bandwidthMbps: order.bandwidthMbps,
        circuitIds: circuit.circuitIds!,
        monthlyChargeFen: order.monthlyChargeFen,
        oneTimeChargeFen: order.oneTimeChargeFen,
        effectiveDate: completionDate,
        completedAt,
      });
    }
    const repo = tx.getRepository(CustomerCircuitEntity);
    const circuit = await repo.findOne({
      where: { circuitId: order.circuitId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!circuit || circuit.version !== order.baseVersion || circuit.state !== 'inService') return undefined;
    circuit.version += 1;
    circuit.pendingOrderId = null;
    if (order.action === 'delete') {
      circuit.state = 'ceased';
      circuit.ceasedOn = order.ceaseDate;
    } else {
      circuit.bandwidthMbps = order.bandwidthMbps;
      circuit.monthlyChargeFen = order.monthlyChargeFen;
      circuit.circuitIds = circuitIdsOf(segments, circuit.circuitIds);
    }
    await repo.save(circuit);
    return this.addVersion(tx, {
      circuitId: circuit.circuitId,
      version: circuit.version,
      orderId: order.id,
      action: order.action,
      bandwidthMbps: circuit.bandwidthMbps,
      circuitIds: circuit.circuitIds,
      monthlyChargeFen: circuit.monthlyChargeFen,
      oneTimeChargeFen: order.action === 'delete' ? 0n : order.oneTimeChargeFen,
      effectiveDate: order.action === 'delete' ? order.ceaseDate! : completionDate,
      completedAt,
    });
  }

  /** Frees the circuit of a change or cease order that ended without completing. */
  async release(tx: EntityManager, order: Pick<CompletedCircuitOrder, 'id' | 'circuitId'>): Promise<void> {
    await tx.query(
      `UPDATE customer_circuit SET pending_order_id = NULL, updated_at = now()
        WHERE circuit_id = $1 AND pending_order_id = $2`,
      [order.circuitId, order.id],
    );
  }

  private async addVersion(
    tx: EntityManager,
    version: CustomerCircuitVersionEntity,
  ): Promise<CustomerCircuitVersionEntity> {
    await tx.getRepository(CustomerCircuitVersionEntity).insert(version);
    return version;
  }
}

/**
 * `role=id` in role order (a_end, z_end, transit): the id each worked segment's node reported,
 * else the id the role had in the version before.
 */
export function circuitIdsOf(segments: readonly WorkedSegment[], before: readonly string[]): string[] {
  const previous = new Map(
    before.map((entry) => {
      const at = entry.indexOf('=');
      return [entry.slice(0, at), entry.slice(at + 1)] as const;
    }),
  );
  const roles = new Set<string>([...previous.keys(), ...segments.map((s) => s.role)]);
  return ROLE_ORDER.filter((role) => roles.has(role)).map((role) => {
    const worked = segments.find((s) => s.role === role)?.circuitId;
    return `${role}=${worked ?? previous.get(role) ?? ''}`;
  });
}
