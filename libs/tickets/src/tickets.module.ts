import { Module } from '@nestjs/common';
import { TicketEvents } from './tickets/ticket-events';
import { TicketWorkflow } from './tickets/ticket-workflow';
import { TicketSla } from './sla/ticket-sla';

/** Trouble tickets (TMF621) at the customer's home city: faults, complaints, inquiries, requests. */
@Module({
  providers: [TicketEvents, TicketWorkflow, TicketSla],
  exports: [TicketEvents, TicketWorkflow, TicketSla],
})
export class TicketsModule {}
