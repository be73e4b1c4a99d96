import { Processor, WorkerHost } from '@nestjs/bullmq';
import { keptJobSchedule } from '@kaf/platform';
import type { Job } from 'bullmq';
import { ArrearsMonthRefresher } from './arrears-month.refresher';
import { ARREARS_REFRESH_QUEUE, REFRESH_ARREARS_MONTHS_JOB } from './receivables-queues';
import { RECEIVABLES_OPTIONS, type ReceivablesOptions } from './receivables.options';

export type RefreshArrearsMonthsJobData = Record<string, never>;

/** City: a check every `arrearsRefreshIntervalMs` for rows taken before today. */
export const refreshArrearsMonthsSchedule = keptJobSchedule<ReceivablesOptions>({
  queue: ARREARS_REFRESH_QUEUE,
  job: REFRESH_ARREARS_MONTHS_JOB,
  options: RECEIVABLES_OPTIONS,
  everyMs: (options) => options.arrearsRefreshIntervalMs,
});

/** One refresh per tick of the job scheduler; replicas take turns through the queue. */
@Processor(ARREARS_REFRESH_QUEUE, { concurrency: 1 })
export class RefreshArrearsMonthsJob extends WorkerHost {
  constructor(private readonly refresher: ArrearsMonthRefresher) {
    super();
  }

  async process(_job: Job<RefreshArrearsMonthsJobData>): Promise<{ accounts: number }> {
    return { accounts: await this.refresher.refresh() };
  }
}
