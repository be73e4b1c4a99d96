import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { ReconciliationDeadlineWatcher } from './reconciliation-deadline.watcher';
import { RECONCILIATION_OPTIONS, type ReconciliationOptions } from './reconciliation.options';
import { RECONCILIATION_QUEUE } from './reconciliation-queues';
import { ReconciliationService } from './reconciliation.service';
import { ReconciliationsController } from './reconciliations.controller';
import { RunReconciliationJob, runReconciliationSchedule } from './run-reconciliation.job';
import { FiguresTotalsReportHandler } from './figures-totals-report.handler';

/**
 * Province and national: reconciliation by totals of every measure the node receives. A run asks
 * every child for its totals of a measure for some months, compares them line by line with what
 * the measure's sink holds, records the findings and asks the child to resend what differs
 * (ADR 0016).
 */
@Module({
  imports: [BullModule.registerQueue({ name: RECONCILIATION_QUEUE }), AuditModule],
  controllers: [ReconciliationsController],
  providers: [
    ReconciliationService,
    FiguresTotalsReportHandler,
    ReconciliationDeadlineWatcher,
    RunReconciliationJob,
    runReconciliationSchedule,
  ],
})
export class FiguresReconciliationModule {
  /** With the node's settings (RECONCILIATION_INTERVAL_MS, RECONCILIATION_ANSWER_TIMEOUT_MS). */
  static forRoot(options: ReconciliationOptions): DynamicModule {
    return {
      module: FiguresReconciliationModule,
      providers: [{ provide: RECONCILIATION_OPTIONS, useValue: options }],
    };
  }
}
