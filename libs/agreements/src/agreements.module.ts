import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { AccountManagersModule } from '@kaf/account-managers';
import { AuditModule } from '@kaf/audit';
import { CustomersModule } from '@kaf/customers';
import { durableDeadlines } from '@kaf/platform';
import { VisitsModule } from '@kaf/visits';
import { AgreementsController } from './agreements.controller';
import { AGREEMENTS_OPTIONS, type AgreementsOptions } from './agreements.options';
import { RENEWAL_REMINDERS } from './agreements-queues';
import { AgreementsService } from './agreements.service';
import { RemindRenewalJob } from './renewal/remind-renewal.job';
import { RenewalReminderChecker } from './renewal/renewal-reminder.checker';

/** Customer service agreements (集团客户服务协议) and their renewal reminders. City tier. */
@Module({})
export class AgreementsModule {
  static forRoot(options: AgreementsOptions): DynamicModule {
    return {
      module: AgreementsModule,
      imports: [
        BullModule.registerQueue({ name: RENEWAL_REMINDERS.queue }),
        CustomersModule,
        AccountManagersModule,
        AuditModule,
        VisitsModule,
      ],
      controllers: [AgreementsController],
      providers: [
        { provide: AGREEMENTS_OPTIONS, useValue: options },
        AgreementsService,
        RenewalReminderChecker,
        RemindRenewalJob,
        // A reconcile pass every `reminderReconcileIntervalMs` (and one at boot).
        ...durableDeadlines<AgreementsOptions>({
          names: RENEWAL_REMINDERS,
          kind: RenewalReminderChecker,
          options: AGREEMENTS_OPTIONS,
          everyMs: (o) => o.reminderReconcileIntervalMs,
        }),
      ],
    };
  }
}
