import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { FieldValidationException, shanghaiDate, ConflictError, NotFoundError } from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { ListWorkOrdersQuery } from './list-work-orders.query';
import type { WorkOrderKind } from '../domain/fault-check-results';
import { FAULT_CHECK_ACTIONS, type FaultCheckAction, faultCheckConflict } from './fault-check-actions';
import { actionConflict, WORK_ORDER_ACTIONS, type WorkOrderAction } from './work-order-actions';
import { WorkOrderStateChangeEntity } from './work-order-state-change.entity';
import { WorkOrderEntity } from './work-order.entity';
import { type WorkOrderOutcome, WorkOrderRepository } from './work-order.repository';
import {
  toAuditedWorkOrder,
  toStateChangeView,
  toWorkOrderView,
  type WorkOrderDetailView,
  type WorkOrderView,
} from './work-order.view';

/** What a staff action brings besides the move itself. */
export interface ActionInput {
  reason?: string;
  outcome?: WorkOrderOutcome;
}

/**
 * Work orders as this node's staff run them. They belong to this node: its own staff and staff
 * of the nodes above reach them; a principal of a node below (a city's engineer at its province)
 * finds none, as for any record outside the scope.
 */
@Injectable()
export class WorkOrdersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: WorkOrderRepository,
    private readonly audit: AuditTrail,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async list(
    scope: AccessScope,
    query: ListWorkOrdersQuery,
  ): Promise<{ items: WorkOrderView[]; total: number }> {
    if (!scope.covers(this.identity.code)) return { items: [], total: 0 };
    const qb = this.visible(this.dataSource.manager);
    if (query.state) qb.andWhere('w.state = :state', { state: query.state });
    if (query.role) qb.andWhere('w.role = :role', { role: query.role });
    if (query.orderId) qb.andWhere('w.order_id = :orderId', { orderId: query.orderId });
    if (query.homeNode) qb.andWhere('w.home_node = :homeNode', { homeNode: query.homeNode });
    if (query.product) qb.andWhere('w.product = :product', { product: query.product });
    if (query.kind) qb.andWhere('w.kind = :kind', { kind: query.kind });
    const [rows, total] = await qb
      .orderBy('w.created_at', 'DESC')
      .addOrderBy('w.id', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    const showContact = this.isLocal(scope);
    return { items: rows.map((r) => toWorkOrderView(r, showContact)), total };
  }

  async get(scope: AccessScope, id: string): Promise<WorkOrderDetailView> {
    const row = await this.find(this.dataSource.manager, scope, id);
    const history = await this.dataSource.getRepository(WorkOrderStateChangeEntity).find({
      where: { workOrderId: row.id },
      order: { changedAt: 'ASC', version: 'ASC' },
    });
    return { ...toWorkOrderView(row, this.isLocal(scope)), history: history.map(toStateChangeView) };
  }

  /**
   * One staff action, in one transaction: the row locked, the move checked against its current
   * state, the history entry, the status for the home city and the audit entry.
   */
  async act(
    scope: AccessScope,
    id: string,
    action: WorkOrderAction,
    input: ActionInput = {},
  ): Promise<WorkOrderView> {
    if (action === 'accept') checkExpectedDate(input.outcome?.expectedCompletionDate);
    return this.dataSource.transaction(async (tx) => {
      const row = await this.find(tx, scope, id, true);
      // Bad input is a 400 whatever the state, as the body's own checks are.
      const outcome = action === 'complete' ? completionOf(row, input.outcome) : input.outcome;
      const conflict = kindConflict(row, 'provisioning', action) ?? actionConflict(action, row.state);
      if (conflict) throw new ConflictError(conflict);
      const moved = await this.store.move(
        tx,
        row,
        WORK_ORDER_ACTIONS[action].to,
        input.reason?.trim() ?? null,
        scope.principal.subject,
        outcome,
      );
      await this.audit.record(tx, scope.principal, {
        action: `work-order.${action}`,
        resourceType: 'work-order',
        resourceId: row.id,
        before: toAuditedWorkOrder(row),
        after: toAuditedWorkOrder(moved),
      });
      return toWorkOrderView(moved, this.isLocal(scope));
    });
  }

  /**
   * A provisioning engineer's answer to a fault check (ADR 0047), in one transaction: the move,
   * its history entry, the answer for the home city and the audit entry.
   */
  async answer(
    scope: AccessScope,
    id: string,
    action: FaultCheckAction,
    note: string,
  ): Promise<WorkOrderView> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.find(tx, scope, id, true);
      const conflict = kindConflict(row, 'faultCheck', action) ?? faultCheckConflict(action, row.state);
      if (conflict) throw new ConflictError(conflict);
      const rule = FAULT_CHECK_ACTIONS[action];
      const now = new Date();
      const moved = await this.store.move(tx, row, rule.to, null, scope.principal.subject, {
        checkResult: rule.result,
        checkNote: note.trim(),
        answeredAt: row.answeredAt ?? now,
        restoredAt: rule.result === 'restored' ? now : row.restoredAt,
      });
      await this.audit.record(tx, scope.principal, {
        action: `work-order.${action}`,
        resourceType: 'work-order',
        resourceId: row.id,
        before: toAuditedWorkOrder(row),
        after: toAuditedWorkOrder(moved),
      });
      return toWorkOrderView(moved, this.isLocal(scope));
    });
  }

  /** Staff of this very node see site contacts whole; principals of nodes above see them masked. */
  private isLocal(scope: AccessScope): boolean {
    return scope.principal.nodeCode === this.identity.code;
  }

  private async find(
    tx: EntityManager,
    scope: AccessScope,
    id: string,
    forUpdate = false,
  ): Promise<WorkOrderEntity> {
    const row = scope.covers(this.identity.code)
      ? await this.visible(tx, forUpdate).andWhere('w.id = :id', { id }).getOne()
      : null;
    if (!row) throw new NotFoundError(`no work order ${id}`);
    return row;
  }

  /** Work orders staff can see: a cancel's tombstone, whose request never came, is bookkeeping. */
  private visible(tx: EntityManager, forUpdate = false) {
    const qb = tx.getRepository(WorkOrderEntity).createQueryBuilder('w').where('w.requested_at IS NOT NULL');
    if (forUpdate) qb.setLock('pessimistic_write');
    return qb;
  }
}

/** A provisioning action on a fault check, or an answer on a provisioning work order, is a 409. */
function kindConflict(row: WorkOrderEntity, kind: WorkOrderKind, action: string): string | undefined {
  if (row.kind === kind) return undefined;
  return `kind: the work order is a ${row.kind} work order; ${action} applies to ${kind} work orders`;
}

/**
 * What a completion reports: a new circuit's segment needs the id it was built with; a change or
 * cease keeps the segment in service unless another id is given.
 */
function completionOf(row: WorkOrderEntity, outcome: ActionInput['outcome']): ActionInput['outcome'] {
  const circuitId = outcome?.circuitId ?? row.circuitId;
  if (!circuitId) {
    throw new FieldValidationException([
      { field: 'circuitId', message: 'is required to complete the segment of a new circuit' },
    ]);
  }
  return { ...outcome, circuitId };
}

/** A promise of completion in the past helps nobody planning the rest of the circuit. */
function checkExpectedDate(date: string | null | undefined): void {
  const today = shanghaiDate(new Date());
  if (!date || date < today) {
    throw new FieldValidationException([
      { field: 'expectedCompletionDate', message: `must be today (${today}) or later` },
    ]);
  }
}
