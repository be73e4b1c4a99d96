import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { ReconciliationDeadlineWatcher } from './reconciliation-deadline.watcher';
import { RECONCILIATION_QUEUE } from './reconciliation-queues';
import { RECONCILIATION_OPTIONS, reconciliationOptionsFromEnv } from './reconciliation.options';
import { ReconciliationScheduler } from './reconciliation.scheduler';
import { ReconciliationService } from './reconciliation.service';
import { ReconciliationsController } from './reconciliations.controller';
import { RunReconciliationJob } from './run-reconciliation.job';
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
    { provide: RECONCILIATION_OPTIONS, useFactory: () => reconciliationOptionsFromEnv() },
    ReconciliationService,
    UsageTotalsSource,
    UsageTotalsReportHandler,
    ReconciliationDeadlineWatcher,
    ReconciliationScheduler,
    RunReconciliationJob,
  ],
})
export class UsageReconciliationModule {}
