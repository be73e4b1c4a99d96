import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type TicketEvent, TicketEvents } from '../tickets/ticket-events';
import { TicketQualityRepository } from './ticket-quality.repository';

/**
 * Every change of a ticket marks the months of service quality it may move, in the writing
 * transaction, so that the month is reported again with the change or not at all.
 */
@Injectable()
export class TicketQualityListener implements OnModuleInit {
  constructor(
    private readonly events: TicketEvents,
    private readonly months: TicketQualityRepository,
  ) {}

  onModuleInit(): void {
    this.events.on((event, tx) => this.on(event, tx));
  }

  async on(event: TicketEvent, tx: EntityManager): Promise<void> {
    await this.months.markTickets(tx, [event.ticket.id]);
  }
}
