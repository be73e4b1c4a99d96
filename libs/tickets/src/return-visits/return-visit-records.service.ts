import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { ConflictError, FieldValidationException } from '@kaf/platform';
import { TasksService } from '@kaf/visits';
import { DataSource } from 'typeorm';
import { TicketQueries } from '../tickets/ticket.queries';
import { TicketWorkflow } from '../tickets/ticket-workflow';
import type { RecordReturnVisitDto } from './record-return-visit.dto';
import { type ReturnVisitView, toAuditedReturnVisit, toReturnVisitView } from './return-visit.view';
import { TicketReturnVisitEntity } from './ticket-return-visit.entity';

/**
 * The result of a return visit: the score and the customer's words, the owner's task done, and
 * the ticket closed when the customer confirms the resolution or reopened when they reject it.
 */
@Injectable()
export class ReturnVisitRecordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: TicketQueries,
    private readonly workflow: TicketWorkflow,
    private readonly tasks: TasksService,
    private readonly audit: AuditTrail,
  ) {}

  async record(scope: AccessScope, ticketId: string, dto: RecordReturnVisitDto): Promise<ReturnVisitView> {
    if (!dto.confirmed && !dto.comment) {
      throw new FieldValidationException([
        { field: 'comment', message: 'is required when the customer does not confirm' },
      ]);
    }
    return this.dataSource.transaction(async (tx) => {
      const ticket = await this.queries.require(tx, scope, ticketId);
      const repo = tx.getRepository(TicketReturnVisitEntity);
      const visit = await repo.findOne({
        where: { ticketId, state: 'open' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!visit) {
        throw new ConflictError(
          `trouble ticket is ${ticket.status}: no return visit is open for it`,
          'trouble-ticket.no-return-visit',
        );
      }
      const before = toAuditedReturnVisit(visit);
      Object.assign(visit, {
        state: 'done',
        doneAt: new Date(),
        satisfaction: dto.satisfaction,
        comment: dto.comment ?? null,
        confirmed: dto.confirmed,
      });
      await repo.save(visit);
      if (visit.taskId) await this.tasks.settleFromSource(tx, visit.taskId, 'done');
      const by = scope.principal.subject;
      if (ticket.status === 'resolved') {
        await (dto.confirmed
          ? this.workflow.transition(tx, ticketId, 'closed', {
              by,
              reason: 'the customer confirmed the resolution at the return visit',
            })
          : this.workflow.transition(tx, ticketId, 'inProgress', {
              by,
              reason: `rejected at the return visit: ${dto.comment}`.slice(0, 500),
            }));
      } else {
        await this.workflow.returnVisited(tx, ticket, { by, reason: 'return visit recorded' });
      }
      await this.audit.record(tx, scope.principal, {
        action: 'trouble-ticket.return-visit',
        resourceType: 'trouble_ticket',
        resourceId: ticketId,
        before,
        after: toAuditedReturnVisit(visit),
      });
      return toReturnVisitView(visit);
    });
  }

  async list(scope: AccessScope, ticketId: string): Promise<ReturnVisitView[]> {
    await this.queries.require(this.dataSource.manager, scope, ticketId);
    const rows = await this.dataSource
      .getRepository(TicketReturnVisitEntity)
      .find({ where: { ticketId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toReturnVisitView);
  }
}
