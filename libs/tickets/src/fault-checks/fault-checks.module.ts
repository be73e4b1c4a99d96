import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { EscalationsModule } from '@kaf/escalations';
import { CustomerCircuitsModule } from '@kaf/one-stop';
import { durableDeadlines } from '@kaf/platform';
import { ServicePolicyModule } from '@kaf/service-policy';
import { TicketsModule } from '../tickets.module';
import {
  FAULT_CHECK_DEADLINES,
  FAULT_CHECKS_OPTIONS,
  type FaultChecksOptions,
} from './fault-check-deadlines';
import { FaultCheckAnsweredHandler } from './fault-check-answered.handler';
import { FaultCheckListener } from './fault-check.listener';
import { FaultCheckOverdueChecker } from './fault-check-overdue.checker';
import { FaultCheckOverdueJob } from './fault-check-overdue.job';
import { FaultChecksRepository } from './fault-checks.repository';
import { FaultChecksService } from './fault-checks.service';

/**
 * The home city's side of fault checks on one-stop circuits (ADR 0047): checks sent with a new
 * fault ticket, answers moving the ticket, silent nodes escalated on durable deadlines.
 */
@Module({})
export class FaultChecksModule {
  static forRoot(options: FaultChecksOptions): DynamicModule {
    return {
      module: FaultChecksModule,
      imports: [
        TicketsModule,
        CustomerCircuitsModule,
        ServicePolicyModule,
        EscalationsModule,
        BullModule.registerQueue({ name: FAULT_CHECK_DEADLINES.queue }),
      ],
      providers: [
        { provide: FAULT_CHECKS_OPTIONS, useValue: options },
        FaultChecksRepository,
        FaultChecksService,
        FaultCheckListener,
        FaultCheckAnsweredHandler,
        FaultCheckOverdueChecker,
        FaultCheckOverdueJob,
        ...durableDeadlines<FaultChecksOptions>({
          names: FAULT_CHECK_DEADLINES,
          kind: FaultCheckOverdueChecker,
          options: FAULT_CHECKS_OPTIONS,
          everyMs: (o) => o.reconcileIntervalMs,
        }),
      ],
    };
  }
}
