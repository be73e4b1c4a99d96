import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { NotFoundError } from '@kaf/platform';
import { ServicePolicyReader } from '@kaf/service-policy';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { TicketWorkflow } from '../tickets/ticket-workflow';
import { toAuditedTicket } from '../tickets/ticket.view';
import { AutoCloseScheduler, autoCloseAt, type CloseResolvedTicketJobData } from './auto-close.scheduler';
import { TICKET_AUTO_CLOSE_QUEUE } from './tickets-queues';

/** The system's name in a ticket's history when it closes a resolved ticket nobody answered. */
export const AUTO_CLOSE_ACTOR = 'auto-close';

/**
 * Closes a ticket left in `resolved` for the policy's `autoCloseDays`. Firing for a ticket since
 * reopened, closed, or resolved again does nothing; a policy that now allows more days moves the
 * timer instead.
 */
@Processor(TICKET_AUTO_CLOSE_QUEUE, { concurrency: 4 })
export class CloseResolvedTicketJob extends WorkerHost {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflow: TicketWorkflow,
    private readonly policy: ServicePolicyReader,
    private readonly scheduler: AutoCloseScheduler,
    private readonly audit: AuditTrail,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {
    super();
  }

  async process(job: Job<CloseResolvedTicketJobData>): Promise<{ closed: boolean }> {
    return { closed: await this.closeIfDue(job.data.ticketId, new Date(job.data.resolvedAt)) };
  }

  async closeIfDue(ticketId: string, resolvedAt: Date, now = new Date()): Promise<boolean> {
    const { autoCloseDays } = await this.policy.current();
    const later = await this.dataSource.transaction(async (tx) => {
      // A ticket gone (a test database reset) has nothing left to close.
      const ticket = await this.workflow.lock(tx, ticketId).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      });
      if (ticket?.status !== 'resolved' || ticket.resolutionDate?.getTime() !== resolvedAt.getTime())
        return null;
      const dueAt = autoCloseAt(resolvedAt, autoCloseDays);
      if (dueAt.getTime() > now.getTime()) return dueAt;
      const before = toAuditedTicket(ticket);
      const closed = await this.workflow.transition(tx, ticketId, 'closed', {
        by: AUTO_CLOSE_ACTOR,
        reason: `no answer from the customer ${autoCloseDays} days after the resolution`,
        at: now,
      });
      // Written by the node itself, as other writes no person made.
      const node = { subject: `node:${this.identity.code}`, roles: [], nodeCode: this.identity.code };
      await this.audit.record(tx, node, {
        action: 'trouble-ticket.auto-close',
        resourceType: 'trouble_ticket',
        resourceId: ticketId,
        before,
        after: toAuditedTicket(closed),
      });
      return undefined;
    });
    if (later) await this.scheduler.ensure(ticketId, resolvedAt, later, now);
    return later === undefined;
  }
}
