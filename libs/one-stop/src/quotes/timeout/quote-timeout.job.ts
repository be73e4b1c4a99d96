import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { QUOTE_TIMEOUT_QUEUE } from './quote-timeout-queues';
import { QuoteTimeoutChecker } from './quote-timeout.checker';
import type { QuoteTimeoutJobData } from './quote-timer.scheduler';

/**
 * Fires at a quote's answer time. Fired early (another clock, a job added with a stale delay) it
 * re-arms itself for the answer time; otherwise it is done, timed out or not.
 */
@Processor(QUOTE_TIMEOUT_QUEUE, { concurrency: 8 })
export class QuoteTimeoutJob extends WorkerHost {
  constructor(private readonly checker: QuoteTimeoutChecker) {
    super();
  }

  async process(job: Job<QuoteTimeoutJobData>, token?: string): Promise<{ outcome: string }> {
    const outcome = await this.checker.check(job.data.quoteId);
    if (outcome.kind === 'notDue') {
      await job.moveToDelayed(outcome.answerBy.getTime(), token);
      throw new DelayedError();
    }
    return { outcome: outcome.kind };
  }
}
