import { Processor, WorkerHost } from '@nestjs/bullmq';
import { ServicePolicyReader } from '@kaf/service-policy';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { TicketWorkflow } from '../tickets/ticket-workflow';
import { TroubleTicketEntity } from '../tickets/trouble-ticket.entity';
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
  ) {
    super();
  }

  async process(job: Job<CloseResolvedTicketJobData>): Promise<{ closed: boolean }> {
    return { closed: await this.closeIfDue(job.data.ticketId, new Date(job.data.resolvedAt)) };
  }

  async closeIfDue(ticketId: string, resolvedAt: Date, now = new Date()): Promise<boolean> {
    const { autoCloseDays } = await this.policy.current();
    const later = await this.dataSource.transaction(async (tx) => {
      const ticket = await tx
        .getRepository(TroubleTicketEntity)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.id = :ticketId', { ticketId })
        .getOne();
      if (ticket?.status !== 'resolved' || ticket.resolutionDate?.getTime() !== resolvedAt.getTime())
        return null;
      const dueAt = autoCloseAt(resolvedAt, autoCloseDays);
      if (dueAt.getTime() > now.getTime()) return dueAt;
      await this.workflow.transition(tx, ticketId, 'closed', {
        by: AUTO_CLOSE_ACTOR,
        reason: `no answer from the customer ${autoCloseDays} days after the resolution`,
        at: now,
      });
      return undefined;
    });
    if (later) await this.scheduler.ensure(ticketId, resolvedAt, later, now);
    return later === undefined;
  }
}
