import { create } from '@bufbuild/protobuf';
import { Inject, Injectable } from '@nestjs/common';
import { FaultCheckCancelledSchema, FaultTicketStatusSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { TroubleTicketEntity } from '../tickets/trouble-ticket.entity';
import { faultTicketStatusOf } from './fault-check-messages';
import { type FaultCheckState, TicketFaultCheckEntity } from './ticket-fault-check.entity';

/** Checks still waiting on their node's answer or repair: the ticket's end cancels them. */
export const OPEN_CHECK_STATES: readonly FaultCheckState[] = ['sent', 'overdue', 'found'];

/**
 * The home city's fault checks, inside the caller's transaction: read and locked per ticket,
 * cancelled, and the ticket's state told to the coordinator of the circuit's order.
 */
@Injectable()
export class FaultChecksRepository {
  constructor(
    private readonly outbox: OutboxWriter,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  /** The ticket's checks, oldest first, locked: answers of one ticket are applied one at a time. */
  ofTicket(tx: EntityManager, ticketId: string): Promise<TicketFaultCheckEntity[]> {
    return tx
      .getRepository(TicketFaultCheckEntity)
      .createQueryBuilder('c')
      .where('c.ticket_id = :ticketId', { ticketId })
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  async save(tx: EntityManager, check: TicketFaultCheckEntity): Promise<void> {
    check.updatedAt = new Date();
    await tx.getRepository(TicketFaultCheckEntity).save(check);
  }

  /** Cancels the open checks among `checks` and tells their nodes why. */
  async cancelOpen(tx: EntityManager, checks: TicketFaultCheckEntity[], reason: string): Promise<number> {
    let cancelled = 0;
    for (const check of checks) {
      if (!OPEN_CHECK_STATES.includes(check.state)) continue;
      check.state = 'cancelled';
      await this.save(tx, check);
      await this.outbox.write(tx, {
        schema: FaultCheckCancelledSchema,
        payload: create(FaultCheckCancelledSchema, { checkId: check.id, ticketId: check.ticketId, reason }),
        target: check.nodeCode,
        key: check.ticketId,
      });
      cancelled += 1;
    }
    return cancelled;
  }

  /**
   * The ticket's absolute state for the coordinator, with a version from one sequence, so the
   * coordinator keeps the last one whatever the order of arrival.
   */
  async tellCoordinator(tx: EntityManager, ticketId: string, ticket?: TroubleTicketEntity): Promise<void> {
    const checks = await this.ofTicket(tx, ticketId);
    const first = checks[0];
    if (!first) return;
    const current = ticket ?? (await tx.getRepository(TroubleTicketEntity).findOneByOrFail({ id: ticketId }));
    const [{ version }] = await tx.query<[{ version: string }]>(
      `SELECT nextval('ticket_fault_status_version_seq')::text AS version`,
    );
    await this.outbox.write(tx, {
      schema: FaultTicketStatusSchema,
      payload: faultTicketStatusOf(current, checks, BigInt(version), this.identity.code),
      target: first.coordinator,
      key: ticketId,
    });
  }
}
