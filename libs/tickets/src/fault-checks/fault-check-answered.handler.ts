import { Injectable, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type FaultCheckAnswered, FaultCheckAnsweredSchema } from '@kaf/contracts';
import { EscalationRaiser } from '@kaf/escalations';
import { FederatedHandlers } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import { isFaultCheckResult } from '@kaf/one-stop';
import type { EntityManager } from 'typeorm';
import { TicketWorkflow } from '../tickets/ticket-workflow';
import { FINAL_TICKET_STATUSES } from '../tickets/ticket-vocabulary';
import { TroubleTicketEntity } from '../tickets/trouble-ticket.entity';
import { applyAnswer, type FaultCheckAnswer } from './fault-check-answers';
import { FaultChecksRepository } from './fault-checks.repository';
import type { TicketFaultCheckEntity } from './ticket-fault-check.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who writes on the ticket when a node's answer moves it. */
export const FAULT_CHECK_ACTOR = 'fault-check';

/**
 * A node's answer to one of this city's fault checks moves the ticket on (ADR 0047): the first
 * found takes it to inProgress, restoration everywhere the fault was found marks it restored,
 * nothing found anywhere leaves a note for the owner. Only the node the check was sent to may
 * answer it; anything else is dead-lettered.
 */
@Injectable()
export class FaultCheckAnsweredHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly store: FaultChecksRepository,
    private readonly workflow: TicketWorkflow,
    private readonly escalations: EscalationRaiser,
  ) {}

  onModuleInit(): void {
    // Any node may carry a segment; the check's own node is checked below.
    this.handlers.on(FaultCheckAnsweredSchema, 'any', (answer, message, tx) =>
      this.handle(answer, message, tx),
    );
  }

  async handle(message: FaultCheckAnswered, inbound: InboundMessage, tx: EntityManager): Promise<void> {
    if (!UUID.test(message.checkId) || !UUID.test(message.ticketId)) {
      throw new PermanentMessageError('fault check answer: check_id or ticket_id is not a UUID');
    }
    if (!isFaultCheckResult(message.result)) {
      throw new PermanentMessageError(
        `fault check answer: result ${JSON.stringify(message.result.slice(0, 20))} is unknown`,
      );
    }
    const ticketId = message.ticketId.toLowerCase();
    const checks = await this.store.ofTicket(tx, ticketId);
    const check = checks.find((c) => c.id === message.checkId.toLowerCase());
    if (!check)
      throw new PermanentMessageError(`fault check ${message.checkId} of ticket ${ticketId} is unknown here`);
    if (check.nodeCode !== inbound.source) {
      throw new PermanentMessageError(
        `fault check ${check.id} was sent to ${check.nodeCode}; ${inbound.source} may not answer it`,
      );
    }
    const answer: FaultCheckAnswer = {
      result: message.result,
      at: message.at ? timestampDate(message.at) : new Date(),
      engineer: message.engineer,
      note: message.note,
    };
    const wasOverdue = check.state === 'overdue';
    const step = applyAnswer(check, checks, answer);
    if (step.kind === 'none') return;
    await this.store.save(tx, check);
    // A late answer ends the escalation of the silent node, not the ticket's others.
    if (wasOverdue) {
      await this.escalations.closeSubject(tx, check.id, {
        at: answer.at,
        why: `node ${check.nodeCode} answered ${answer.result}`,
      });
    }
    const ticket = await tx.getRepository(TroubleTicketEntity).findOneByOrFail({ id: ticketId });
    if (!FINAL_TICKET_STATUSES.includes(ticket.status))
      await this.moveTicket(tx, ticket, step, check, answer);
    await this.store.tellCoordinator(tx, ticketId);
  }

  private async moveTicket(
    tx: EntityManager,
    ticket: TroubleTicketEntity,
    step: ReturnType<typeof applyAnswer>,
    check: TicketFaultCheckEntity,
    answer: FaultCheckAnswer,
  ): Promise<void> {
    const { nodeCode } = check;
    const said = `node ${nodeCode} answered ${answer.result}${answer.note.trim() ? `: ${answer.note.trim()}` : ''}`;
    if (step.kind === 'found' && ticket.status === 'acknowledged') {
      await this.workflow.transition(tx, ticket.id, 'inProgress', {
        by: FAULT_CHECK_ACTOR,
        reason: `fault found at node ${nodeCode}`,
        at: answer.at,
      });
    }
    await this.workflow.addNote(tx, ticket.id, said, FAULT_CHECK_ACTOR);
    if (step.kind === 'nothingFound') {
      await this.workflow.addNote(
        tx,
        ticket.id,
        'no node carrying the circuit found the fault: the ticket stays with its owner',
        FAULT_CHECK_ACTOR,
      );
    }
    if (step.kind === 'restored') {
      // The round's checks still waiting are no longer needed; earlier rounds are history.
      const checks = await this.store.ofTicket(tx, ticket.id);
      const round = checks.filter((c) => c.round === check.round);
      await this.store.cancelOpen(tx, round, 'service restored');
      await this.workflow.markRestored(tx, ticket.id, { by: FAULT_CHECK_ACTOR, at: step.at });
    }
  }
}
