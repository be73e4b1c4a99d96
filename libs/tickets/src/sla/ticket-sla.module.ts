import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { CustomersModule } from '@kaf/customers';
import { EscalationsModule } from '@kaf/escalations';
import { durableDeadlines } from '@kaf/platform';
import { ServicePolicyModule } from '@kaf/service-policy';
import { VisitsModule } from '@kaf/visits';
import { TicketsModule } from '../tickets.module';
import { SLA_DEADLINES, TICKET_SLA_OPTIONS, type TicketSlaOptions } from './sla-deadlines';
import { SlaThresholdChecker } from './sla-threshold.checker';
import { SlaThresholdJob } from './sla-threshold.job';
import { TicketSlaClocks } from './ticket-sla-clocks';
import { TicketSlaListener } from './ticket-sla.listener';

/**
 * The tickets' SLA clocks at the city: they follow the ticket's events, and their thresholds
 * warn the owner and escalate up the tiers on durable deadlines (ADR 0046).
 */
@Module({})
export class TicketSlaModule {
  static forRoot(options: TicketSlaOptions): DynamicModule {
    return {
      module: TicketSlaModule,
      imports: [
        TicketsModule,
        CustomersModule,
        VisitsModule,
        EscalationsModule,
        ServicePolicyModule,
        BullModule.registerQueue({ name: SLA_DEADLINES.queue }),
      ],
      providers: [
        { provide: TICKET_SLA_OPTIONS, useValue: options },
        TicketSlaClocks,
        TicketSlaListener,
        SlaThresholdChecker,
        SlaThresholdJob,
        ...durableDeadlines<TicketSlaOptions>({
          names: SLA_DEADLINES,
          kind: SlaThresholdChecker,
          options: TICKET_SLA_OPTIONS,
          everyMs: (o) => o.reconcileIntervalMs,
        }),
      ],
    };
  }
}
