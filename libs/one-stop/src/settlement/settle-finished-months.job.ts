import { Processor, WorkerHost } from '@nestjs/bullmq';
import { keptJobSchedule } from '@kaf/platform';
import type { Job } from 'bullmq';
import { ONE_STOP_OPTIONS, type OneStopOptions } from '../one-stop.options';
import { SETTLE_FINISHED_MONTHS_JOB, SETTLEMENT_QUEUE } from './settlement-queues';
import { SettlementRunsService } from './settlement-runs.service';

export type SettleFinishedMonthsJobData = Record<string, never>;

/** National node: a check every `settlementCheckIntervalMs`; 0 turns scheduled settlement off. */
export const settleFinishedMonthsSchedule = keptJobSchedule<OneStopOptions>({
  queue: SETTLEMENT_QUEUE,
  job: SETTLE_FINISHED_MONTHS_JOB,
  options: ONE_STOP_OPTIONS,
  everyMs: (options) => options.settlementCheckIntervalMs,
});

/** One check per tick of the job scheduler: every finished month with unsettled circuits is run. */
@Processor(SETTLEMENT_QUEUE, { concurrency: 1 })
export class SettleFinishedMonthsJob extends WorkerHost {
  constructor(private readonly runs: SettlementRunsService) {
    super();
  }

  async process(_job: Job<SettleFinishedMonthsJobData>): Promise<{ runIds: string[] }> {
    const runs = await this.runs.settleFinishedMonths();
    return { runIds: runs.map((r) => r.id) };
  }
}
