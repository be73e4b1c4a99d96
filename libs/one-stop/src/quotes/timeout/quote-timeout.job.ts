import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DeadlineJobHost, deadlinesToken, type DurableDeadlines } from '@kaf/platform';
import { QUOTE_TIMEOUTS } from './quote-timeout-queues';

/** Fires at a quote's answer time; fired early it re-arms itself for it (the durable deadlines' worker). */
@Processor(QUOTE_TIMEOUTS.queue, { concurrency: 8 })
export class QuoteTimeoutJob extends DeadlineJobHost {
  constructor(@Inject(deadlinesToken(QUOTE_TIMEOUTS.queue)) deadlines: DurableDeadlines) {
    super(deadlines);
  }
}
