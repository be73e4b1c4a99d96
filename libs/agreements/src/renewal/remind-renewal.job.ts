import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DeadlineJobHost, deadlinesToken, type DurableDeadlines } from '@kaf/platform';
import { RENEWAL_REMINDERS } from '../agreements-queues';

/** Fires on an agreement's reminder day, and runs the reconcile pass (the durable deadlines' worker). */
@Processor(RENEWAL_REMINDERS.queue, { concurrency: 4 })
export class RemindRenewalJob extends DeadlineJobHost {
  constructor(@Inject(deadlinesToken(RENEWAL_REMINDERS.queue)) deadlines: DurableDeadlines) {
    super(deadlines);
  }
}
