import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { durableDeadlines } from '@kaf/platform';
import { AccountManagersModule } from '@kaf/account-managers';
import { AgreementDirectoryModule } from '@kaf/agreements';
import { AuditModule } from '@kaf/audit';
import { ContactsModule } from '@kaf/contacts';
import { CustomersModule } from '@kaf/customers';
import { EscalationsModule } from '@kaf/escalations';
import { CustomerCircuitsModule } from '@kaf/one-stop';
import { ServicePolicyModule } from '@kaf/service-policy';
import { VisitsModule } from '@kaf/visits';
import { AutoCloseChecker } from './return-visits/auto-close.checker';
import {
  AUTO_CLOSE_DEADLINES,
  DEFAULT_TICKETS_OPTIONS,
  TICKETS_OPTIONS,
  type TicketsOptions,
} from './return-visits/auto-close.deadlines';
import { AutoCloseJob } from './return-visits/auto-close.job';
import { ReturnVisitListener } from './return-visits/return-visit.listener';
import { ReturnVisitRecordsService } from './return-visits/return-visit-records.service';
import { ReturnVisits } from './return-visits/return-visits';
import { ReturnVisitsController } from './return-visits/return-visits.controller';
import { TicketEvents } from './tickets/ticket-events';
import { TicketQueries } from './tickets/ticket.queries';
import { TicketUpdatesService } from './tickets/ticket-updates.service';
import { TicketWorkflow } from './tickets/ticket-workflow';
import { TicketSla } from './sla/ticket-sla';
import { TicketsService } from './tickets/tickets.service';
import { TroubleTicketsController } from './tickets/trouble-tickets.controller';

/** Trouble tickets (TMF621) at the customer's home city: faults, complaints, inquiries, requests. */
@Module({
  imports: [
    BullModule.registerQueue({ name: AUTO_CLOSE_DEADLINES.queue }),
    AuditModule,
    CustomersModule,
    EscalationsModule,
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
    TicketSla,
    TicketsService,
    TicketUpdatesService,
    ReturnVisits,
    ReturnVisitListener,
    ReturnVisitRecordsService,
    AutoCloseChecker,
    AutoCloseJob,
    ...durableDeadlines<TicketsOptions>({
      names: AUTO_CLOSE_DEADLINES,
      kind: AutoCloseChecker,
      options: TICKETS_OPTIONS,
      everyMs: (o) => o.autoCloseReconcileIntervalMs,
    }),
  ],
  exports: [TicketEvents, TicketWorkflow, TicketQueries, TicketSla],
})
export class TicketsModule {}
