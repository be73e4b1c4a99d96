import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { RECONCILIATION_QUEUE } from './reconciliation-queues';
import { ReconciliationService } from './reconciliation.service';

export type RunReconciliationJobData = Record<string, never>;

/** One scheduled run (the default months) per tick of the job scheduler. */
@Processor(RECONCILIATION_QUEUE, { concurrency: 1 })
export class RunReconciliationJob extends WorkerHost {
  constructor(private readonly reconciliation: ReconciliationService) {
    super();
  }

  async process(_job: Job<RunReconciliationJobData>): Promise<{ runId: string }> {
    const run = await this.reconciliation.start({}, 'scheduled');
    return { runId: run.id };
  }
}
