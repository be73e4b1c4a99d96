import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { ReconciliationDeadlineWatcher } from './reconciliation-deadline.watcher';
import { RECONCILIATION_OPTIONS, type ReconciliationOptions } from './reconciliation.options';
import { RECONCILIATION_QUEUE } from './reconciliation-queues';
import { ReconciliationService } from './reconciliation.service';
import { ReconciliationsController } from './reconciliations.controller';
import { RunReconciliationJob, runReconciliationSchedule } from './run-reconciliation.job';
import { UsageTotalsReportHandler } from './usage-totals-report.handler';
import { UsageTotalsSource } from './usage-totals.source';

/**
 * Province and national: reconciliation by totals. A run asks every child for its usage totals
 * of some months, compares them line by line with this node's copy, records the findings and
 * asks the child to resend what differs (ADR 0016).
 */
@Module({
  imports: [BullModule.registerQueue({ name: RECONCILIATION_QUEUE }), AuditModule],
  controllers: [ReconciliationsController],
  providers: [
    ReconciliationService,
    UsageTotalsSource,
    UsageTotalsReportHandler,
    ReconciliationDeadlineWatcher,
    RunReconciliationJob,
    runReconciliationSchedule,
  ],
})
export class UsageReconciliationModule {
  /** With the node's settings (RECONCILIATION_INTERVAL_MS, RECONCILIATION_ANSWER_TIMEOUT_MS). */
  static forRoot(options: ReconciliationOptions): DynamicModule {
    return {
      module: UsageReconciliationModule,
      providers: [{ provide: RECONCILIATION_OPTIONS, useValue: options }],
    };
  }
}
