import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AccountManagersModule } from '@kaf/account-managers';
import { AgreementDirectoryModule } from '@kaf/agreements';
import { AuditModule } from '@kaf/audit';
import { ContactsModule } from '@kaf/contacts';
import { CustomersModule } from '@kaf/customers';
import { CustomerCircuitsModule } from '@kaf/one-stop';
import { ServicePolicyModule } from '@kaf/service-policy';
import { VisitsModule } from '@kaf/visits';
import { AutoCloseReconciler } from './return-visits/auto-close.reconciler';
import { AutoCloseScheduler } from './return-visits/auto-close.scheduler';
import { CloseResolvedTicketJob } from './return-visits/close-resolved-ticket.job';
import { ReconcileAutoCloseJob, reconcileAutoCloseSchedule } from './return-visits/reconcile-auto-close.job';
import { ReturnVisitListener } from './return-visits/return-visit.listener';
import { ReturnVisitRecordsService } from './return-visits/return-visit-records.service';
import { ReturnVisits } from './return-visits/return-visits';
import { ReturnVisitsController } from './return-visits/return-visits.controller';
import {
  DEFAULT_TICKETS_OPTIONS,
  TICKET_AUTO_CLOSE_QUEUE,
  TICKET_AUTO_CLOSE_RECONCILE_QUEUE,
  TICKETS_OPTIONS,
} from './return-visits/tickets-queues';
import { TicketEvents } from './tickets/ticket-events';
import { TicketQueries } from './tickets/ticket.queries';
import { TicketUpdatesService } from './tickets/ticket-updates.service';
import { TicketWorkflow } from './tickets/ticket-workflow';
import { TicketsService } from './tickets/tickets.service';
import { TroubleTicketsController } from './tickets/trouble-tickets.controller';

/** Trouble tickets (TMF621) at the customer's home city: faults, complaints, inquiries, requests. */
@Module({
  imports: [
    BullModule.registerQueue({ name: TICKET_AUTO_CLOSE_QUEUE }, { name: TICKET_AUTO_CLOSE_RECONCILE_QUEUE }),
    AuditModule,
    CustomersModule,
    ContactsModule,
    AccountManagersModule,
    AgreementDirectoryModule,
    CustomerCircuitsModule,
    ServicePolicyModule,
    VisitsModule,
  ],
  controllers: [TroubleTicketsController, ReturnVisitsController],
  providers: [
    { provide: TICKETS_OPTIONS, useValue: DEFAULT_TICKETS_OPTIONS },
    TicketEvents,
    TicketWorkflow,
    TicketQueries,
    TicketsService,
    TicketUpdatesService,
    ReturnVisits,
    ReturnVisitListener,
    ReturnVisitRecordsService,
    AutoCloseScheduler,
    AutoCloseReconciler,
    CloseResolvedTicketJob,
    ReconcileAutoCloseJob,
    reconcileAutoCloseSchedule,
  ],
  exports: [TicketEvents, TicketWorkflow, TicketQueries],
})
export class TicketsModule {}
