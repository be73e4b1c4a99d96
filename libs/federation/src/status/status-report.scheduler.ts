import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { FEDERATION_OPTIONS, type FederationOptions } from '../node-identity';
import { REPORT_STATUS_JOB, STATUS_REPORT_QUEUE } from './federation-queues';

/** Keeps one repeating report job per node in Redis (idempotent across restarts). */
@Injectable()
export class StatusReportScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(STATUS_REPORT_QUEUE) private readonly queue: Queue,
    @Inject(FEDERATION_OPTIONS) private readonly options: FederationOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.identity.parentCode) return;
    await this.queue.upsertJobScheduler(
      REPORT_STATUS_JOB,
      { every: this.options.statusReportIntervalMs },
      { name: REPORT_STATUS_JOB, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    // Report at once so a freshly started node shows up without waiting a full interval.
    await this.queue.add(REPORT_STATUS_JOB, {}, { removeOnComplete: 100, removeOnFail: 100 });
  }
}
