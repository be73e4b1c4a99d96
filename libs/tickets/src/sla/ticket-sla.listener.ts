import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EscalationRaiser } from '@kaf/escalations';
import type { EntityManager } from 'typeorm';
import { type TicketEvent, TicketEvents } from '../tickets/ticket-events';
import type { TicketStatus } from '../tickets/ticket-vocabulary';
import { TicketSlaClocks } from './ticket-sla-clocks';

/** The customer is awaited, or the work is held: the clocks stand still. */
const STOPPED_CLOCK: ReadonlySet<TicketStatus> = new Set(['pending', 'held']);
const FINAL: ReadonlySet<TicketStatus> = new Set(['closed', 'cancelled', 'rejected']);

/**
 * Moves a ticket's SLA clocks with the ticket, inside the transaction that changed it: started at
 * creation, standing still while pending or held, met at the first response and at restoration
 * (faults) or resolution, resumed on a reopen, stopped when the ticket ends. A resolved or ended
 * ticket's escalations close.
 */
@Injectable()
export class TicketSlaListener implements OnModuleInit {
  constructor(
    private readonly events: TicketEvents,
    private readonly clocks: TicketSlaClocks,
    private readonly escalations: EscalationRaiser,
  ) {}

  onModuleInit(): void {
    this.events.on((event, tx) => this.on(event, tx));
  }

  async on(event: TicketEvent, tx: EntityManager): Promise<void> {
    const { ticket, at } = event;
    if (event.kind === 'created') return this.clocks.start(tx, ticket, at);
    if (event.kind === 'restored') return this.clocks.meet(tx, ticket.id, 'restore', ticket.restoredAt ?? at);
    if (event.kind !== 'statusChanged' || !event.from) return;
    const { from, to } = event;
    if (STOPPED_CLOCK.has(from) && !STOPPED_CLOCK.has(to)) await this.clocks.resume(tx, ticket, at);
    if (from === 'acknowledged') await this.clocks.meet(tx, ticket.id, 'response', ticket.respondedAt ?? at);
    if (from === 'resolved' && to === 'inProgress') await this.clocks.reopen(tx, ticket, at);
    if (to === 'resolved') {
      // A fault resolved without its own restoration stamp was restored by then at the latest.
      await this.clocks.meet(tx, ticket.id, 'restore', ticket.restoredAt ?? at);
      await this.escalations.closeFor(tx, ticket.id, { at, why: 'ticketResolved' });
    }
    if (FINAL.has(to)) {
      await this.clocks.stop(tx, ticket.id, at);
      await this.escalations.closeFor(tx, ticket.id, {
        at,
        why: `ticket${to[0]!.toUpperCase()}${to.slice(1)}`,
      });
    }
    if (STOPPED_CLOCK.has(to) && !STOPPED_CLOCK.has(from)) await this.clocks.pause(tx, ticket.id, at);
  }
}
