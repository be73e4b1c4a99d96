import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { SETTLEMENT_QUEUE } from './settlement-queues';
import { SettlementRunsService } from './settlement-runs.service';

export type SettleFinishedMonthsJobData = Record<string, never>;

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
