import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { type DeadlineKind, type DeadlineOutcome, NotFoundError, type OpenDeadline } from '@kaf/platform';
import { ServicePolicyReader } from '@kaf/service-policy';
import { DataSource } from 'typeorm';
import { TicketWorkflow } from '../tickets/ticket-workflow';
import { toAuditedTicket } from '../tickets/ticket.view';
import { autoCloseAt } from './auto-close.deadlines';

/** The system's name in a ticket's history when it closes a resolved ticket nobody answered. */
export const AUTO_CLOSE_ACTOR = 'auto-close';

/**
 * The auto-close as a kind of durable deadline: every resolved ticket is due `autoCloseDays`
 * after its resolution (the policy in force when it fires, so a longer policy moves the timer).
 * Firing for a ticket since reopened or closed does nothing; the close itself happens under the
 * ticket's lock, so it happens once.
 */
@Injectable()
export class AutoCloseChecker implements DeadlineKind {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflow: TicketWorkflow,
    private readonly policy: ServicePolicyReader,
    private readonly audit: AuditTrail,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async listOpen(after: string, limit: number): Promise<OpenDeadline[]> {
    const { autoCloseDays } = await this.policy.current();
    const rows: { id: string; resolution_date: Date }[] = await this.dataSource.query(
      `SELECT id, resolution_date FROM trouble_ticket
        WHERE status = 'resolved' AND resolution_date IS NOT NULL AND id > COALESCE(NULLIF($1, '')::uuid, '00000000-0000-0000-0000-000000000000')
        ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => ({ id: r.id, dueAt: autoCloseAt(new Date(r.resolution_date), autoCloseDays) }));
  }

  async check(ticketId: string, now: Date): Promise<DeadlineOutcome> {
    const { autoCloseDays } = await this.policy.current();
    return this.dataSource.transaction(async (tx): Promise<DeadlineOutcome> => {
      // A ticket gone (a test database reset) has nothing left to close.
      const ticket = await this.workflow.lock(tx, ticketId).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      });
      if (ticket?.status !== 'resolved' || !ticket.resolutionDate) return { kind: 'done' };
      const dueAt = autoCloseAt(ticket.resolutionDate, autoCloseDays);
      if (dueAt.getTime() > now.getTime()) return { kind: 'notDue', at: dueAt };
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
      return { kind: 'done' };
    });
  }
}
