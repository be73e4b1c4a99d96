import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { STATUS_REPORT_QUEUE } from './federation-queues';
import { NodeStatusReporter } from './node-status.reporter';

export type ReportStatusJobData = Record<string, never>;

/** Runs on this node's schedule: one status report per tick. */
@Processor(STATUS_REPORT_QUEUE, { concurrency: 1 })
export class ReportStatusJob extends WorkerHost {
  constructor(private readonly reporter: NodeStatusReporter) {
    super();
  }

  async process(_job: Job<ReportStatusJobData>): Promise<void> {
    await this.reporter.report();
  }
}
