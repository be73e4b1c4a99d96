import { Injectable } from '@nestjs/common';
import { AccountManagerDirectory } from '@kaf/account-managers';
import { CustomerDirectory } from '@kaf/customers';
import { uuidv7 } from '@kaf/platform';
import { ServicePolicyReader } from '@kaf/service-policy';
import { TasksService } from '@kaf/visits';
import type { EntityManager } from 'typeorm';
import type { TroubleTicketEntity } from '../tickets/trouble-ticket.entity';
import { TicketReturnVisitEntity } from './ticket-return-visit.entity';

const DAY_MS = 86_400_000;

/** Types whose resolution the owner calls the customer back about. */
export const RETURN_VISIT_TYPES: readonly string[] = ['fault', 'complaint'];

/**
 * Return visits opened and cancelled as tickets move, inside the moving transaction: a resolve
 * opens one (and its task for the owner), a reopen or cancellation cancels the open one.
 */
@Injectable()
export class ReturnVisits {
  constructor(
    private readonly policy: ServicePolicyReader,
    private readonly tasks: TasksService,
    private readonly managers: AccountManagerDirectory,
    private readonly customers: CustomerDirectory,
  ) {}

  /** Opens the ticket's return visit unless one is open; the task is idempotent by its key. */
  async open(tx: EntityManager, ticket: TroubleTicketEntity, resolvedAt: Date): Promise<void> {
    const { returnVisitDays } = await this.policy.current();
    const dueAt = new Date(resolvedAt.getTime() + returnVisitDays * DAY_MS);
    const owner = await this.ownerOf(tx, ticket);
    const manager = await this.managers.findByStaffId(owner, tx);
    const taskId = await this.tasks.createFromSource(tx, {
      source: 'return-visit',
      sourceKey: `return-visit:${ticket.id}:${ticket.reopenCount}`,
      cityCode: ticket.cityCode,
      customerId: ticket.customerId,
      assigneeStaffId: owner,
      assigneeManagerId: manager?.id ?? null,
      title: `回访: ${ticket.name}`,
      dueAt,
    });
    await tx.query(
      `INSERT INTO ticket_return_visit (id, ticket_id, task_id, owner_staff_id, due_at, state, created_at)
       VALUES ($1, $2, $3, $4, $5, 'open', now())
       ON CONFLICT (ticket_id) WHERE state = 'open' DO NOTHING`,
      [uuidv7(), ticket.id, taskId ?? null, owner, dueAt],
    );
  }

  /** Cancels the open return visit of the ticket, and its task. */
  async cancelOpen(tx: EntityManager, ticketId: string): Promise<void> {
    const open = await tx.getRepository(TicketReturnVisitEntity).findOneBy({ ticketId, state: 'open' });
    if (!open) return;
    await tx.getRepository(TicketReturnVisitEntity).update({ id: open.id }, { state: 'cancelled' });
    if (open.taskId) await this.tasks.settleFromSource(tx, open.taskId, 'cancelled');
  }

  /** The owner, else whoever holds the customer now, else whoever opened the ticket. */
  private async ownerOf(tx: EntityManager, ticket: TroubleTicketEntity): Promise<string> {
    if (ticket.ownerStaffId) return ticket.ownerStaffId;
    const holder = await this.customers.currentManager(ticket.customerId, tx);
    return holder?.managerStaffId ?? ticket.createdBy;
  }
}
