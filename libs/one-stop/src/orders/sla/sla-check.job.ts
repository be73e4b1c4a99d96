import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { ONE_STOP_OPTIONS, type OneStopOptions } from '../../one-stop.options';
import { SLA_CHECK_QUEUE } from '../circuit-orders-queues';
import { SlaBreachChecker } from './sla-breach.checker';
import type { SlaCheckJobData } from './sla-timer.scheduler';

/**
 * Fires at a segment attempt's deadline. When the deadline has moved on (the order was held and
 * resumed) the job re-arms itself for the new deadline; while the order is held it looks again
 * after a reconcile interval. Otherwise it is done, escalated or not.
 */
@Processor(SLA_CHECK_QUEUE, { concurrency: 8 })
export class SlaCheckJob extends WorkerHost {
  constructor(
    private readonly checker: SlaBreachChecker,
    @Inject(ONE_STOP_OPTIONS) private readonly options: OneStopOptions,
  ) {
    super();
  }

  async process(job: Job<SlaCheckJobData>, token?: string): Promise<{ outcome: string }> {
    const outcome = await this.checker.check(job.data.segmentId, job.data.attempt);
    if (outcome.kind === 'notDue' || outcome.kind === 'held') {
      const at =
        outcome.kind === 'notDue'
          ? outcome.deadline.getTime()
          : Date.now() + this.options.slaReconcileIntervalMs;
      await job.moveToDelayed(at, token);
      throw new DelayedError();
    }
    return { outcome: outcome.kind };
  }
}
