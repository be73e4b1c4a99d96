import { Module } from '@nestjs/common';
import { TicketEvents } from './tickets/ticket-events';
import { TicketWorkflow } from './tickets/ticket-workflow';

/** Trouble tickets (TMF621) at the customer's home city: faults, complaints, inquiries, requests. */
@Module({
  providers: [TicketEvents, TicketWorkflow],
  exports: [TicketEvents, TicketWorkflow],
})
export class TicketsModule {}
