import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { CircuitOrderCancelRequestedSchema, SegmentRedispatchRequestedSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { OutboxWriter, uuidv7 } from '@kaf/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { cancelConflict, isSegmentOpen, redispatchConflict } from './coordinated-order.rules';
import { CoordinatedOrdersRepository, type StoredOrderHead } from './coordinated-orders.repository';
import type { CoordinationActionDto } from './coordination-action.dto';
import { HeldSegmentEscalations } from './held-segment-escalations';
import type { CoordinationRequestKind } from './coordination-request.entity';
import {
  type CoordinationActionView,
  type CoordinationRequestRow,
  toCoordinationRequestView,
} from './coordination-request.view';
import { requireCoordinatorStaff } from './coordination-scope';
import { ConflictError, NotFoundError } from '@kaf/platform';

/**
 * The coordinator steps in on a stuck order: asks the home city to re-dispatch a segment or to
 * cancel the order. The request, the escalations it resolves and the audit entry commit with the
 * message to the home city, or not at all.
 */
@Injectable()
export class CoordinationActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CoordinatedOrdersRepository,
    private readonly escalations: HeldSegmentEscalations,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  redispatch(
    scope: AccessScope,
    orderId: string,
    segmentId: string,
    dto: CoordinationActionDto,
  ): Promise<CoordinationActionView> {
    requireCoordinatorStaff(scope, this.identity);
    return this.dataSource.transaction(async (tx) => {
      const order = await this.lockedOrder(tx, orderId);
      const conflict = redispatchConflict(order.state);
      if (conflict) throw new ConflictError(`state: ${conflict}; no segment can be re-dispatched`);
      const segment = order.segments.find((s) => s.segmentId === segmentId.toLowerCase());
      if (!segment) throw new NotFoundError(`order ${orderId} has no segment ${segmentId}`);
      if (!isSegmentOpen(segment.state)) {
        throw new ConflictError(
          `state: segment ${segmentId} is ${segment.state}; only an open segment can be re-dispatched`,
        );
      }
      const [earlier] = await tx.query<{ requested_at: Date; requested_by: string }[]>(
        `SELECT requested_at, requested_by FROM one_stop_coordination_request
          WHERE kind = 'redispatch' AND segment_id = $1 AND attempt = $2`,
        [segment.segmentId, segment.attempt],
      );
      if (earlier) {
        throw new ConflictError(
          `state: a re-dispatch of attempt ${segment.attempt} of segment ${segmentId} was requested by ${earlier.requested_by} at ${earlier.requested_at.toISOString()}; the home city has not reported the new attempt yet`,
        );
      }
      const requestId = uuidv7();
      await this.outbox.write(tx, {
        schema: SegmentRedispatchRequestedSchema,
        payload: create(SegmentRedispatchRequestedSchema, {
          requestId,
          orderId: order.orderId,
          segmentId: segment.segmentId,
          reason: dto.reason,
          requestedBy: scope.principal.subject,
        }),
        target: order.homeNode,
        key: order.orderId,
      });
      return this.record(tx, scope, order, 'redispatch', requestId, dto.reason, {
        segmentId: segment.segmentId,
        attempt: segment.attempt,
      });
    });
  }

  cancel(scope: AccessScope, orderId: string, dto: CoordinationActionDto): Promise<CoordinationActionView> {
    requireCoordinatorStaff(scope, this.identity);
    return this.dataSource.transaction(async (tx) => {
      const order = await this.lockedOrder(tx, orderId);
      const conflict = cancelConflict(order.state);
      if (conflict) throw new ConflictError(`state: ${conflict}; it can no longer be cancelled`);
      const requestId = uuidv7();
      await this.outbox.write(tx, {
        schema: CircuitOrderCancelRequestedSchema,
        payload: create(CircuitOrderCancelRequestedSchema, {
          requestId,
          orderId: order.orderId,
          reason: dto.reason,
          requestedBy: scope.principal.subject,
        }),
        target: order.homeNode,
        key: order.orderId,
      });
      return this.record(tx, scope, order, 'cancel', requestId, dto.reason, undefined);
    });
  }

  private async lockedOrder(tx: EntityManager, orderId: string): Promise<StoredOrderHead> {
    const order = await this.store.lock(tx, orderId);
    if (!order) throw new NotFoundError(`no coordinated order ${orderId}`);
    return order;
  }

  /**
   * Stores the request, acknowledges the escalations it answers (the home city closes them when it
   * carries the request out) and audits it, in `tx`.
   */
  private async record(
    tx: EntityManager,
    scope: AccessScope,
    order: StoredOrderHead,
    kind: CoordinationRequestKind,
    requestId: string,
    reason: string,
    segment: { segmentId: string; attempt: number } | undefined,
  ): Promise<CoordinationActionView> {
    const segmentId = segment?.segmentId;
    const [row] = await tx.query<CoordinationRequestRow[]>(
      `INSERT INTO one_stop_coordination_request
         (id, order_id, kind, segment_id, attempt, reason, requested_by, home_node)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING *`,
      [
        requestId,
        order.orderId,
        kind,
        segmentId ?? null,
        segment?.attempt ?? null,
        reason,
        scope.principal.subject,
        order.homeNode,
      ],
    );
    const escalationsResolved = await this.escalations.acknowledgeForRequest(
      tx,
      order.orderId,
      segmentId,
      scope.principal.subject,
      requestId,
    );
    const view: CoordinationActionView = { ...toCoordinationRequestView(row!), escalationsResolved };
    await this.audit.record(tx, scope.principal, {
      action: kind === 'redispatch' ? 'coordinated-order.redispatch' : 'coordinated-order.cancel',
      resourceType: 'coordinated-order',
      resourceId: order.orderId,
      before: { state: order.state, version: order.version.toString() },
      after: view,
    });
    return view;
  }
}
