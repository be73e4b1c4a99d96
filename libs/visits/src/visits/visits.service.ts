import { Inject, Injectable } from '@nestjs/common';
import { AccountManagerDirectory } from '@kaf/account-managers';
import { type AuditRecord, AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { type CustomerRef, CustomerDirectory } from '@kaf/customers';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { uuidv7 } from '@kaf/messaging';
import { FieldValidationException } from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { FollowUpTaskEntity } from '../tasks/follow-up-task.entity';
import { type TaskView, toTaskView } from '../tasks/task.view';
import { TasksService } from '../tasks/tasks.service';
import type { CreateVisitDto } from './create-visit.dto';
import { CustomerVisitEntity } from './customer-visit.entity';
import type { ListVisitsQuery } from './list-visits.query';
import { type CreatedVisitView, type VisitView, toVisitView } from './visit.view';

/** Clocks of phones and laptops drift; a visit logged "now" must not be refused for a few seconds. */
const CLOCK_SKEW_MS = 60_000;

@Injectable()
export class VisitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerDirectory,
    private readonly managers: AccountManagerDirectory,
    private readonly tasks: TasksService,
    private readonly audit: AuditTrail,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
  ) {}

  async create(scope: AccessScope, dto: CreateVisitDto): Promise<CreatedVisitView> {
    const visitedAt = new Date(dto.visitedAt);
    if (visitedAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw new FieldValidationException([{ field: 'visitedAt', message: 'must not be in the future' }]);
    }
    return this.dataSource.transaction(async (tx) => {
      const customer = await this.customers.requireInScope(scope, dto.customerId, 'customerId', tx);
      const visitor = await this.visitor(scope, customer, tx);
      const visit = await tx.getRepository(CustomerVisitEntity).save(
        tx.getRepository(CustomerVisitEntity).create({
          id: uuidv7(),
          cityCode: this.node.code,
          customerId: customer.id,
          managerId: visitor.id,
          managerStaffId: visitor.staffId,
          visitedAt,
          channel: dto.channel,
          summary: dto.summary,
          outcome: dto.outcome ?? null,
          createdBy: scope.principal.subject,
        }),
      );
      const view = toVisitView(visit);
      const audits: AuditRecord[] = [
        { action: 'visit.create', resourceType: 'visit', resourceId: visit.id, after: auditView(view) },
      ];
      let followUpTask: TaskView | null = null;
      if (dto.followUp) {
        // The customer's own manager follows up; a visit by a colleague does not move the work.
        const assignee = customer.managerId
          ? await this.managers.requireActive(customer.managerId, 'followUp', tx)
          : visitor;
        const taskId = await this.tasks.createFromSource(tx, {
          sourceKey: `visit:${visit.id}`,
          source: 'visit',
          customerId: customer.id,
          assigneeManagerId: assignee.id,
          assigneeStaffId: assignee.staffId,
          title: dto.followUp.title,
          dueAt: new Date(dto.followUp.dueAt),
        });
        const task = await tx.getRepository(FollowUpTaskEntity).findOneByOrFail({ id: taskId });
        followUpTask = toTaskView(task);
        audits.push({
          action: 'task.create',
          resourceType: 'task',
          resourceId: task.id,
          after: followUpTask,
        });
      }
      await this.audit.recordMany(tx, scope.principal, audits);
      return { ...view, followUpTask };
    });
  }

  async list(scope: AccessScope, query: ListVisitsQuery): Promise<{ items: VisitView[]; total: number }> {
    const qb = this.dataSource
      .getRepository(CustomerVisitEntity)
      .createQueryBuilder('v')
      .where('v.city_code = ANY(:cities)', { cities: [...scope.cityCodes()] });
    if (scope.portfolioOf !== undefined) {
      const ids = await this.customers.portfolioCustomerIds(scope.portfolioOf);
      qb.andWhere('v.customer_id = ANY(:ids)', { ids });
    }
    if (query.customerId) qb.andWhere('v.customer_id = :cid', { cid: query.customerId });
    if (query.managerId) qb.andWhere('v.manager_id = :mid', { mid: query.managerId });
    if (query.from) qb.andWhere('v.visited_at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('v.visited_at < :to', { to: new Date(query.to) });
    const [rows, total] = await qb
      .orderBy('v.visited_at', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items: rows.map(toVisitView), total };
  }

  /** Who made the visit: the caller when they are a manager, else the customer's manager. */
  private async visitor(
    scope: AccessScope,
    customer: CustomerRef,
    tx: EntityManager,
  ): Promise<{ id: string; staffId: string }> {
    const own = await this.managers.findByStaffId(scope.principal.subject, tx);
    if (own) return own;
    if (customer.managerId && customer.managerStaffId) {
      return { id: customer.managerId, staffId: customer.managerStaffId };
    }
    throw new FieldValidationException([
      { field: 'customerId', message: 'the customer has no account manager to record the visit for' },
    ]);
  }
}

/** Free text may name people or carry phone numbers, so the audit log keeps only its size. */
function auditView(view: VisitView): object {
  return {
    ...view,
    summary: `[${view.summary.length} characters]`,
    outcome: view.outcome === null ? null : `[${view.outcome.length} characters]`,
  };
}
