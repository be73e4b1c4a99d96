import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { AccountManagersModule } from '@kaf/account-managers';
import { AuditModule } from '@kaf/audit';
import { CustomersModule } from '@kaf/customers';
import { VisitsModule } from '@kaf/visits';
import { AgreementsController } from './agreements.controller';
import { AGREEMENTS_OPTIONS, type AgreementsOptions } from './agreements.options';
import { REMINDER_RECONCILE_QUEUE, RENEWAL_REMINDER_QUEUE } from './agreements-queues';
import { AgreementsService } from './agreements.service';
import { ReconcileRemindersJob, reconcileRemindersSchedule } from './renewal/reconcile-reminders.job';
import { RemindRenewalJob } from './renewal/remind-renewal.job';
import { RenewalReminderReconciler } from './renewal/renewal-reminder.reconciler';
import { RenewalReminderScheduler } from './renewal/renewal-reminder.scheduler';

/** Customer service agreements (集团客户服务协议) and their renewal reminders. City tier. */
@Module({})
export class AgreementsModule {
  static forRoot(options: AgreementsOptions): DynamicModule {
    return {
      module: AgreementsModule,
      imports: [
        BullModule.registerQueue({ name: RENEWAL_REMINDER_QUEUE }, { name: REMINDER_RECONCILE_QUEUE }),
        CustomersModule,
        AccountManagersModule,
        AuditModule,
        VisitsModule,
      ],
      controllers: [AgreementsController],
      providers: [
        { provide: AGREEMENTS_OPTIONS, useValue: options },
        AgreementsService,
        RenewalReminderScheduler,
        RenewalReminderReconciler,
        RemindRenewalJob,
        ReconcileRemindersJob,
        reconcileRemindersSchedule,
      ],
    };
  }
}
