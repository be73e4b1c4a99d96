import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { FEDERATION_OPTIONS, type FederationOptions } from '../node-identity';
import { REPORT_STATUS_JOB, STATUS_REPORT_QUEUE } from './federation-queues';

/** Reports at once on boot, so a restarted node shows up without waiting for its scheduler's next run. */
@Injectable()
export class StatusReportScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(STATUS_REPORT_QUEUE) private readonly queue: Queue,
    @Inject(FEDERATION_OPTIONS) private readonly options: FederationOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.identity.parentCode) return;
    await this.queue.add(REPORT_STATUS_JOB, {}, { removeOnComplete: 100, removeOnFail: 100 });
  }
}
