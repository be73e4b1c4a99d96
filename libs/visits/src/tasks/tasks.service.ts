import { Inject, Injectable } from '@nestjs/common';
import { type ManagerRef, AccountManagerDirectory } from '@kaf/account-managers';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { type CustomerRef, CustomerDirectory } from '@kaf/customers';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { uuidv7 } from '@kaf/messaging';
import { FieldValidationException, NotFoundError } from '@kaf/platform';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { CreateTaskDto } from './create-task.dto';
import { FollowUpTaskEntity, type TaskSource } from './follow-up-task.entity';
import type { ListTasksQuery } from './list-tasks.query';
import { type TaskView, toTaskView } from './task.view';
import type { UpdateTaskDto } from './update-task.dto';

/**
 * A task another capability raises from one of its own events (a visit, a renewal date, a
 * resolved ticket's return visit, an SLA warning).
 */
export interface SourcedTask {
  /** Idempotency key: a second call with the same key changes nothing. */
  sourceKey: string;
  source: Exclude<TaskSource, 'manual'>;
  /** This node's city unless given. */
  cityCode?: string;
  customerId: string | null;
  /** The owner's account-manager record, when the owner is an account manager. */
  assigneeManagerId?: string | null;
  assigneeStaffId: string;
  title: string;
  dueAt: Date;
}

@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerDirectory,
    private readonly managers: AccountManagerDirectory,
    private readonly audit: AuditTrail,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
  ) {}

  /**
   * Creates the task unless one with `sourceKey` exists, inside the caller's transaction, so a
   * redelivered or re-fired event never doubles a task. Returns the new task's id, if any.
   */
  async createFromSource(tx: EntityManager, task: SourcedTask): Promise<string | undefined> {
    const id = uuidv7();
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO follow_up_task
         (id, city_code, customer_id, assignee_manager_id, assignee_staff_id, title, due_at, status, source, source_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9)
       ON CONFLICT (source_key) DO NOTHING
       RETURNING id`,
      [
        id,
        task.cityCode ?? this.node.code,
        task.customerId,
        task.assigneeManagerId ?? null,
        task.assigneeStaffId,
        task.title.slice(0, 200),
        task.dueAt,
        task.source,
        task.sourceKey,
      ],
    );
    return rows[0]?.id;
  }

  /**
   * Settles a generated task when its source is done with it (a return visit recorded, or no
   * longer wanted): only an open task changes. True when it changed.
   */
  async settleFromSource(tx: EntityManager, taskId: string, status: 'done' | 'cancelled'): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(FollowUpTaskEntity)
      .set({ status, completedAt: status === 'done' ? () => 'now()' : null })
      .where(`id = :taskId AND status = 'open' AND source <> 'manual'`, { taskId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async create(scope: AccessScope, dto: CreateTaskDto): Promise<TaskView> {
    return this.dataSource.transaction(async (tx) => {
      const customer = dto.customerId
        ? await this.customers.requireInScope(scope, dto.customerId, 'customerId', tx)
        : undefined;
      const assignee = await this.resolveAssignee(scope, dto.assigneeManagerId, customer, tx);
      const row = tx.getRepository(FollowUpTaskEntity).create({
        id: uuidv7(),
        cityCode: this.node.code,
        customerId: customer?.id ?? null,
        assigneeManagerId: assignee.id,
        assigneeStaffId: assignee.staffId,
        title: dto.title,
        dueAt: new Date(dto.dueAt),
        status: 'open',
        source: 'manual',
        sourceKey: null,
        completedAt: null,
      });
      const saved = await tx.getRepository(FollowUpTaskEntity).save(row);
      const view = toTaskView(saved);
      await this.audit.record(tx, scope.principal, {
        action: 'task.create',
        resourceType: 'task',
        resourceId: saved.id,
        after: view,
      });
      return view;
    });
  }

  async list(scope: AccessScope, query: ListTasksQuery): Promise<{ items: TaskView[]; total: number }> {
    const qb = this.scoped(this.dataSource.manager, scope);
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.assigneeManagerId) qb.andWhere('t.assignee_manager_id = :am', { am: query.assigneeManagerId });
    if (query.assigneeStaffId) qb.andWhere('t.assignee_staff_id = :as', { as: query.assigneeStaffId });
    if (query.customerId) qb.andWhere('t.customer_id = :cid', { cid: query.customerId });
    if (query.source) qb.andWhere('t.source = :source', { source: query.source });
    if (query.overdue === 'true') qb.andWhere(`t.status = 'open' AND t.due_at < now()`);
    if (query.overdue === 'false') qb.andWhere(`NOT (t.status = 'open' AND t.due_at < now())`);
    const [rows, total] = await qb
      .orderBy('t.due_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    const now = new Date();
    return { items: rows.map((r) => toTaskView(r, now)), total };
  }

  async update(scope: AccessScope, id: string, dto: UpdateTaskDto): Promise<TaskView> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.scoped(tx, scope)
        .andWhere('t.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!row) throw new NotFoundError(`no task ${id}`);
      const before = toTaskView(row);
      if (dto.title !== undefined) row.title = dto.title;
      if (dto.dueAt !== undefined) row.dueAt = new Date(dto.dueAt);
      if (dto.status !== undefined && dto.status !== row.status) {
        row.status = dto.status;
        row.completedAt = dto.status === 'done' ? new Date() : null;
      }
      const saved = await tx.getRepository(FollowUpTaskEntity).save(row);
      const after = toTaskView(saved);
      await this.audit.record(tx, scope.principal, {
        action: 'task.update',
        resourceType: 'task',
        resourceId: id,
        before,
        after,
      });
      return after;
    });
  }

  /**
   * The manager a new task goes to. An account manager (portfolio reach) may only give tasks to
   * themselves; others default to their own manager record, then to the customer's manager.
   */
  async resolveAssignee(
    scope: AccessScope,
    requestedId: string | undefined,
    customer: CustomerRef | undefined,
    tx: EntityManager,
  ): Promise<ManagerRef> {
    const field = 'assigneeManagerId';
    if (requestedId) {
      const manager = await this.managers.requireActive(requestedId, field, tx);
      if (scope.portfolioOf !== undefined && manager.staffId !== scope.portfolioOf) {
        throw new FieldValidationException([
          { field, message: 'an account manager can assign tasks to themselves only' },
        ]);
      }
      return manager;
    }
    const own = await this.managers.findByStaffId(scope.principal.subject, tx);
    if (own) return this.managers.requireActive(own.id, field, tx);
    if (scope.portfolioOf === undefined && customer?.managerId) {
      return this.managers.requireActive(customer.managerId, field, tx);
    }
    throw new FieldValidationException([
      { field, message: 'is required: the caller has no manager record and the customer no manager' },
    ]);
  }

  /** Tasks of this node within the scope: an account manager sees the tasks assigned to them. */
  private scoped(manager: EntityManager, scope: AccessScope): SelectQueryBuilder<FollowUpTaskEntity> {
    const qb = manager
      .getRepository(FollowUpTaskEntity)
      .createQueryBuilder('t')
      .where('t.city_code = ANY(:cities)', { cities: [...scope.cityCodes()] });
    if (scope.portfolioOf !== undefined) {
      qb.andWhere('t.assignee_staff_id = :staff', { staff: scope.portfolioOf });
    }
    return qb;
  }
}
