import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ONE_STOP_OPTIONS, type OneStopOptions } from '../one-stop.options';
import { SETTLE_FINISHED_MONTHS_JOB, SETTLEMENT_QUEUE } from './settlement-queues';

/**
 * Keeps one BullMQ job scheduler on the national node (upserted at start, so restarts and
 * replicas do not multiply it); ONE_STOP_SETTLEMENT_CHECK_MS=0 removes it.
 */
@Injectable()
export class SettlementScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(SettlementScheduler.name);

  constructor(
    @InjectQueue(SETTLEMENT_QUEUE) private readonly queue: Queue,
    @Inject(ONE_STOP_OPTIONS) private readonly options: OneStopOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.settlementCheckIntervalMs === 0) {
      await this.queue.removeJobScheduler(SETTLE_FINISHED_MONTHS_JOB);
      this.logger.log({ msg: 'scheduled one-stop settlement is off' });
      return;
    }
    await this.queue.upsertJobScheduler(
      SETTLE_FINISHED_MONTHS_JOB,
      { every: this.options.settlementCheckIntervalMs },
      { name: SETTLE_FINISHED_MONTHS_JOB, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
}
