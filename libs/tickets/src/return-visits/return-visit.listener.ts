import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ServicePolicyReader } from '@kaf/service-policy';
import type { EntityManager } from 'typeorm';
import { TicketEvents, type TicketEvent } from '../tickets/ticket-events';
import { AutoCloseScheduler, autoCloseAt } from './auto-close.scheduler';
import { RETURN_VISIT_TYPES, ReturnVisits } from './return-visits';

/**
 * On resolve: a return visit for complaints and faults, and the auto-close timer for every type.
 * On reopen or cancellation: the open return visit is cancelled (the timer finds nothing to do).
 */
@Injectable()
export class ReturnVisitListener implements OnModuleInit {
  constructor(
    private readonly events: TicketEvents,
    private readonly visits: ReturnVisits,
    private readonly autoClose: AutoCloseScheduler,
    private readonly policy: ServicePolicyReader,
  ) {}

  onModuleInit(): void {
    this.events.on((event, tx) => this.heard(event, tx));
  }

  async heard(event: TicketEvent, tx: EntityManager): Promise<void> {
    if (event.kind !== 'statusChanged') return;
    const { ticket } = event;
    if (event.to === 'resolved') {
      if (RETURN_VISIT_TYPES.includes(ticket.ticketType)) await this.visits.open(tx, ticket, event.at);
      const { autoCloseDays } = await this.policy.current();
      await this.autoClose.ensureQuietly(ticket.id, event.at, autoCloseAt(event.at, autoCloseDays));
    } else if (event.from === 'resolved' && event.to === 'inProgress') {
      await this.visits.cancelOpen(tx, ticket.id);
    } else if (event.to === 'cancelled') {
      await this.visits.cancelOpen(tx, ticket.id);
    }
  }
}
