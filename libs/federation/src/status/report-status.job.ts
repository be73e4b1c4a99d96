import { Processor, WorkerHost } from '@nestjs/bullmq';
import { keptJobSchedule } from '@kaf/platform';
import type { Job } from 'bullmq';
import { FEDERATION_OPTIONS, type FederationOptions } from '../node-identity';
import { REPORT_STATUS_JOB, STATUS_REPORT_QUEUE } from './federation-queues';
import { NodeStatusReporter } from './node-status.reporter';

export type ReportStatusJobData = Record<string, never>;

/** Every node with a parent reports every `statusReportIntervalMs`. */
export const reportStatusSchedule = keptJobSchedule<FederationOptions>({
  queue: STATUS_REPORT_QUEUE,
  job: REPORT_STATUS_JOB,
  options: FEDERATION_OPTIONS,
  everyMs: (options) => (options.identity.parentCode ? options.statusReportIntervalMs : 0),
});

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
