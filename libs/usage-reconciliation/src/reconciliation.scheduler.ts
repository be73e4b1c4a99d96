import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { RECONCILIATION_QUEUE, RUN_RECONCILIATION_JOB } from './reconciliation-queues';
import { RECONCILIATION_OPTIONS, type ReconciliationOptions } from './reconciliation.options';

/**
 * Keeps one BullMQ job scheduler per node (upserted at start, so restarts and replicas do not
 * multiply it); RECONCILIATION_INTERVAL_MS=0 removes it.
 */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReconciliationScheduler.name);

  constructor(
    @InjectQueue(RECONCILIATION_QUEUE) private readonly queue: Queue,
    @Inject(RECONCILIATION_OPTIONS) private readonly options: ReconciliationOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.intervalMs === 0) {
      await this.queue.removeJobScheduler(RUN_RECONCILIATION_JOB);
      this.logger.log({ msg: 'scheduled reconciliation is off' });
      return;
    }
    await this.queue.upsertJobScheduler(
      RUN_RECONCILIATION_JOB,
      { every: this.options.intervalMs },
      { name: RUN_RECONCILIATION_JOB, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
}
