import { Inject, Injectable } from '@nestjs/common';
import { FaultCheckRequestedSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
import { CircuitSegmentsInForce } from '@kaf/one-stop';
import { deadlinesToken, type DurableDeadlines, uuidv7 } from '@kaf/platform';
import { ServicePolicyReader } from '@kaf/service-policy';
import type { EntityManager } from 'typeorm';
import type { TroubleTicketEntity } from '../tickets/trouble-ticket.entity';
import { FAULT_CHECK_DEADLINES } from './fault-check-deadlines';
import { faultCheckRequestOf } from './fault-check-messages';
import { FaultChecksRepository } from './fault-checks.repository';
import { TicketFaultCheckEntity } from './ticket-fault-check.entity';

/**
 * A fault ticket on a one-stop circuit that runs beyond this city sends a check to every node
 * carrying one of its segments, this city's own included (it runs the check as a work order
 * like any other node), when it opens and again when it is reopened, and tells the coordinator
 * of the circuit's order.
 */
@Injectable()
export class FaultChecksService {
  constructor(
    private readonly circuits: CircuitSegmentsInForce,
    private readonly policies: ServicePolicyReader,
    private readonly store: FaultChecksRepository,
    private readonly outbox: OutboxWriter,
    @Inject(deadlinesToken(FAULT_CHECK_DEADLINES.queue)) private readonly deadlines: DurableDeadlines,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  /**
   * A round of checks: the first when the fault ticket opens, a new one each time the customer
   * reopens it (nobody would look again otherwise: the last round is all answered). None for a
   * ticket on no circuit or on one inside this city. The round is the ticket's reopen count + 1,
   * unique with the ticket and segment, so a move heard twice sends nothing more; the earlier
   * rounds' checks stay as they are, as history. The caller tells the coordinator.
   */
  async sendRound(
    tx: EntityManager,
    ticket: TroubleTicketEntity,
    at: Date,
  ): Promise<TicketFaultCheckEntity[]> {
    if (ticket.ticketType !== 'fault' || !ticket.circuitId) return [];
    const circuit = await this.circuits.of(tx, ticket.circuitId);
    if (!circuit || circuit.segments.every((s) => s.nodeCode === this.identity.code)) return [];
    const { faultCheckAnswerMinutes } = await this.policies.current();
    // Faults run on the 24×7 clock: the answer is due that many minutes later, whatever the day.
    const dueAt = new Date(at.getTime() + faultCheckAnswerMinutes * 60_000);
    const round = roundOf(ticket);
    const checks: TicketFaultCheckEntity[] = [];
    for (const segment of circuit.segments) {
      const check: TicketFaultCheckEntity = {
        id: uuidv7(),
        ticketId: ticket.id,
        circuitId: circuit.circuitId,
        orderId: circuit.orderId,
        coordinator: circuit.coordinator,
        round,
        segmentId: segment.segmentId,
        nodeCode: segment.nodeCode,
        role: segment.role,
        state: 'sent',
        dueAt,
        answeredAt: null,
        found: null,
        restoredAt: null,
        note: null,
        answeredBy: null,
        escalatedAt: null,
        createdAt: at,
        updatedAt: at,
      };
      const inserted = await tx
        .createQueryBuilder()
        .insert()
        .into(TicketFaultCheckEntity)
        .values(check)
        .orIgnore()
        .returning(['id'])
        .updateEntity(false)
        .execute();
      if ((inserted.raw as unknown[]).length === 0) continue;
      await this.outbox.write(tx, {
        schema: FaultCheckRequestedSchema,
        payload: faultCheckRequestOf(check, ticket, circuit),
        target: segment.nodeCode,
        key: ticket.id,
      });
      checks.push(check);
    }
    // A timer lost here (Redis away) is re-armed from the table at boot and on every reconcile pass.
    for (const check of checks) await this.deadlines.armQuietly(check.id, check.dueAt);
    return checks;
  }

  /** The ticket ended (resolved, closed, rejected, cancelled): the checks still open are cancelled. */
  async end(tx: EntityManager, ticket: TroubleTicketEntity): Promise<void> {
    const checks = await this.store.ofTicket(tx, ticket.id);
    if (checks.length === 0) return;
    await this.store.cancelOpen(tx, checks, `the trouble ticket is ${ticket.status}`);
    await this.store.tellCoordinator(tx, ticket.id, ticket);
  }
}

/** The round a ticket's checks belong to now: 1 when it opened, n + 1 after its n-th reopen. */
export function roundOf(ticket: Pick<TroubleTicketEntity, 'reopenCount'>): number {
  return ticket.reopenCount + 1;
}
