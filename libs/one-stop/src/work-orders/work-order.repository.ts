import { Inject, Injectable } from '@nestjs/common';
import { FaultCheckAnsweredSchema, SegmentStatusChangedSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { OutboxWriter, uuidv7 } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import type { WorkOrderState } from '../domain/work-order-states';
import { faultCheckAnswerOf } from './fault-check-answer.reply';
import { segmentStatusOf } from './segment-status.reply';
import { WorkOrderStateChangeEntity } from './work-order-state-change.entity';
import { WorkOrderEntity } from './work-order.entity';
import { WorkOrdersMetrics } from './work-orders.metrics';

/** What a work request says about the work, as stored (everything but the state). */
export type WorkOrderDetails = Pick<
  WorkOrderEntity,
  | 'role'
  | 'customerId'
  | 'customerName'
  | 'product'
  | 'bandwidthMbps'
  | 'siteAddress'
  | 'siteContactName'
  | 'siteContactPhone'
  | 'aEndNode'
  | 'zEndNode'
  | 'requestedCompletionDate'
  | 'deadline'
  | 'notes'
  | 'requestedAt'
  | 'action'
  | 'circuitRef'
  | 'ceaseDate'
  | 'circuitId'
> &
  Partial<Pick<WorkOrderEntity, 'kind' | 'checkId' | 'ticketId' | 'severity'>>;

export interface WorkOrderKey {
  orderId: string;
  segmentId: string;
  attempt: number;
  homeNode: string;
}

/** Fields a move may set besides the state. */
export type WorkOrderOutcome = Partial<
  Pick<
    WorkOrderEntity,
    | 'expectedCompletionDate'
    | 'circuitId'
    | 'handover'
    | 'checkResult'
    | 'checkNote'
    | 'answeredAt'
    | 'restoredAt'
  >
>;

export const SYSTEM_ACTOR = 'system';

/**
 * Every change of a work order goes through here, inside the caller's transaction: the row, its
 * history entry and the `SegmentStatusChanged` for the home city commit together, so the home
 * city learns every version exactly once (the inbox drops relay duplicates by message id).
 */
@Injectable()
export class WorkOrderRepository {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly metrics: WorkOrdersMetrics,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  /**
   * Serialises the handling of one segment's messages: a re-dispatch, a cancel and a duplicate
   * request may sit on different partitions (or be injected out of order) and must see each
   * other's work orders.
   */
  async lockSegment(tx: EntityManager, segmentId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('one_stop_segment:' || $1, 0))`, [
      segmentId,
    ]);
  }

  /** Every attempt of a segment held here, oldest first, locked. */
  attemptsOf(tx: EntityManager, segmentId: string): Promise<WorkOrderEntity[]> {
    return tx
      .getRepository(WorkOrderEntity)
      .createQueryBuilder('w')
      .where('w.segment_id = :segmentId', { segmentId })
      .andWhere(`w.kind = 'provisioning'`)
      .orderBy('w.attempt', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  /**
   * Creates the work order of one segment attempt in `state` and reports it. Undefined when that
   * attempt exists already (UNIQUE segment_id, attempt): nothing is written then.
   */
  async create(
    tx: EntityManager,
    key: WorkOrderKey,
    details: WorkOrderDetails,
    state: WorkOrderState,
    reason: string | null,
  ): Promise<WorkOrderEntity | undefined> {
    const now = new Date();
    const row: WorkOrderEntity = {
      id: uuidv7(),
      ...key,
      kind: 'provisioning',
      checkId: null,
      ticketId: null,
      severity: null,
      checkResult: null,
      checkNote: null,
      answeredAt: null,
      restoredAt: null,
      ...details,
      state,
      stateReason: reason,
      version: 1n,
      expectedCompletionDate: null,
      handover: null,
      createdAt: now,
      updatedAt: now,
    };
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(WorkOrderEntity)
      .values(row)
      .orIgnore()
      .returning(['id'])
      .updateEntity(false)
      .execute();
    if ((inserted.raw as unknown[]).length === 0) return undefined;
    await this.recordChange(tx, row, null, SYSTEM_ACTOR);
    return row;
  }

  /** Moves a locked work order to `to`, raising its version, and reports it. */
  async move(
    tx: EntityManager,
    row: WorkOrderEntity,
    to: WorkOrderState,
    reason: string | null,
    actor: string,
    outcome: WorkOrderOutcome = {},
  ): Promise<WorkOrderEntity> {
    const from = row.state;
    const moved: WorkOrderEntity = {
      ...row,
      ...outcome,
      state: to,
      stateReason: reason,
      version: row.version + 1n,
      updatedAt: new Date(),
    };
    await tx.query(
      `UPDATE one_stop_work_order
          SET state = $2, state_reason = $3, version = $4, expected_completion_date = $5,
              circuit_id = $6, handover = $7, updated_at = $8, check_result = $9, check_note = $10,
              answered_at = $11, restored_at = $12
        WHERE id = $1`,
      [
        moved.id,
        moved.state,
        moved.stateReason,
        moved.version.toString(),
        moved.expectedCompletionDate,
        moved.circuitId,
        moved.handover,
        moved.updatedAt,
        moved.checkResult,
        moved.checkNote,
        moved.answeredAt,
        moved.restoredAt,
      ],
    );
    await this.recordChange(tx, moved, from, actor);
    return moved;
  }

  /** A cancel's tombstone meets its late request: the details are kept, the state stays. */
  async fillTombstone(tx: EntityManager, row: WorkOrderEntity, details: WorkOrderDetails): Promise<void> {
    await tx.getRepository(WorkOrderEntity).update({ id: row.id }, { ...details, updatedAt: row.updatedAt });
  }

  /** A fault check's work order, locked, by the home city's check id. */
  checkOf(tx: EntityManager, checkId: string): Promise<WorkOrderEntity | null> {
    return tx
      .getRepository(WorkOrderEntity)
      .createQueryBuilder('w')
      .where('w.check_id = :checkId', { checkId })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Sends the current status again, same version (the home city keeps the highest). */
  async report(tx: EntityManager, row: WorkOrderEntity): Promise<void> {
    await this.outbox.write(tx, {
      schema: SegmentStatusChangedSchema,
      payload: segmentStatusOf(row, this.identity.code),
      target: row.homeNode,
      key: row.orderId,
    });
  }

  private async recordChange(
    tx: EntityManager,
    row: WorkOrderEntity,
    from: WorkOrderState | null,
    actor: string,
  ): Promise<void> {
    await tx.getRepository(WorkOrderStateChangeEntity).insert({
      id: uuidv7(),
      workOrderId: row.id,
      fromState: from,
      toState: row.state,
      reason: row.stateReason,
      actor,
      version: row.version.toString(),
      changedAt: row.updatedAt,
    });
    // A fault check reports its answers (FaultCheckAnswered), not its states.
    if (row.kind === 'provisioning') await this.report(tx, row);
    else if (from !== null && row.checkResult !== null && row.state !== 'cancelled') {
      await this.outbox.write(tx, {
        schema: FaultCheckAnsweredSchema,
        payload: faultCheckAnswerOf(row, this.identity.code, actor),
        target: row.homeNode,
        key: row.ticketId ?? row.id,
      });
    }
    this.metrics.transitions.inc({ state: row.state });
  }
}
