import { Processor, WorkerHost } from '@nestjs/bullmq';
import { keptJobSchedule } from '@kaf/platform';
import type { Job } from 'bullmq';
import { RECONCILIATION_QUEUE, RUN_RECONCILIATION_JOB } from './reconciliation-queues';
import { RECONCILIATION_OPTIONS, type ReconciliationOptions } from './reconciliation.options';
import { ReconciliationService } from './reconciliation.service';

export type RunReconciliationJobData = Record<string, never>;

/** A run every `intervalMs` (RECONCILIATION_INTERVAL_MS); 0 leaves runs to requests only. */
export const runReconciliationSchedule = keptJobSchedule<ReconciliationOptions>({
  queue: RECONCILIATION_QUEUE,
  job: RUN_RECONCILIATION_JOB,
  options: RECONCILIATION_OPTIONS,
  everyMs: (options) => options.intervalMs,
});

/** One scheduled run (the default months) of every measure received, per tick of the job scheduler. */
@Processor(RECONCILIATION_QUEUE, { concurrency: 1 })
export class RunReconciliationJob extends WorkerHost {
  constructor(private readonly reconciliation: ReconciliationService) {
    super();
  }

  async process(_job: Job<RunReconciliationJobData>): Promise<{ runIds: string[] }> {
    const runs = await this.reconciliation.startScheduled();
    return { runIds: runs.map((r) => r.id) };
  }
}
