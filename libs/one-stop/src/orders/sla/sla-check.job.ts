import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DeadlineJobHost, deadlinesToken, type DurableDeadlines } from '@kaf/platform';
import { SLA_CHECKS } from '../circuit-orders-queues';

/**
 * Fires at a segment attempt's deadline, and runs the reconcile pass (the durable deadlines'
 * worker): fired early (the order was held and resumed) it re-arms itself for the new deadline.
 */
@Processor(SLA_CHECKS.queue, { concurrency: 8 })
export class SlaCheckJob extends DeadlineJobHost {
  constructor(@Inject(deadlinesToken(SLA_CHECKS.queue)) deadlines: DurableDeadlines) {
    super(deadlines);
  }
}
