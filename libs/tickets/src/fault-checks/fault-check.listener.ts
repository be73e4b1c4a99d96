import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TicketEvents, type TicketEvent } from '../tickets/ticket-events';
import { isReopen } from '../tickets/ticket-transitions';
import type { TicketStatus } from '../tickets/ticket-vocabulary';
import { FaultChecksRepository } from './fault-checks.repository';
import { FaultChecksService } from './fault-checks.service';

/** Statuses after which a ticket needs no more checks. */
const ENDED: readonly TicketStatus[] = ['resolved', 'closed', 'rejected', 'cancelled'];

/**
 * Follows fault tickets in their own transaction: a new one sends its checks, a reopened one
 * sends a new round of them, an ended one cancels those still open, and every other change is
 * told to the coordinator.
 */
@Injectable()
export class FaultCheckListener implements OnModuleInit {
  constructor(
    private readonly events: TicketEvents,
    private readonly checks: FaultChecksService,
    private readonly store: FaultChecksRepository,
  ) {}

  onModuleInit(): void {
    this.events.on((event, tx) => this.handle(event, tx));
  }

  async handle(event: TicketEvent, tx: EntityManager): Promise<void> {
    if (event.ticket.ticketType !== 'fault' || !event.ticket.circuitId) return;
    const { ticket } = event;
    const reopened = event.kind === 'statusChanged' && event.from !== null && isReopen(event.from, event.to);
    if (event.kind === 'created' || reopened) {
      await this.checks.sendRound(tx, ticket, event.at);
      await this.store.tellCoordinator(tx, ticket.id, ticket);
    } else if (event.kind === 'statusChanged' && ENDED.includes(event.to)) {
      await this.checks.end(tx, ticket);
    } else if (event.kind === 'statusChanged' || event.kind === 'restored') {
      await this.store.tellCoordinator(tx, ticket.id, ticket);
    }
  }
}
