import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ensureDelayedJob } from '@kaf/platform';
import type { Queue } from 'bullmq';
import { REMIND_RENEWAL_JOB, RENEWAL_REMINDER_QUEUE } from '../agreements-queues';
import { type ReminderTerms, reminderFireAt, renewalJobId } from '../domain/renewal-schedule';
import type { RemindRenewalJobData } from './remind-renewal.job';

/**
 * Keeps one delayed job per active agreement's reminder terms. The database is the truth: a job
 * that fires for terms no longer current does nothing, so removing stale jobs is only tidiness.
 */
@Injectable()
export class RenewalReminderScheduler {
  private readonly logger = new Logger(RenewalReminderScheduler.name);

  constructor(@InjectQueue(RENEWAL_REMINDER_QUEUE) private readonly queue: Queue<RemindRenewalJobData>) {}

  /** Adds the job for `terms` unless it is already waiting; true when it added one. */
  ensure(terms: ReminderTerms, now = new Date()): Promise<boolean> {
    const data: RemindRenewalJobData = {
      agreementId: terms.agreementId,
      endDate: terms.endDate,
      reminderDays: terms.reminderDays,
    };
    return ensureDelayedJob(
      this.queue,
      {
        name: REMIND_RENEWAL_JOB,
        jobId: renewalJobId(terms),
        data,
        dueAt: reminderFireAt(terms),
        backoffMs: 5_000,
      },
      now,
    );
  }

  /** Schedules after a commit: a Redis failure is logged, and the reconciler catches up later. */
  async ensureAfterCommit(terms: ReminderTerms): Promise<void> {
    try {
      await this.ensure(terms);
    } catch (error) {
      this.logger.warn({
        msg: 'renewal reminder not scheduled; reconciler will retry',
        ...terms,
        error: String(error),
      });
    }
  }

  /** Drops the job of terms that no longer apply (best effort). */
  async cancel(terms: ReminderTerms): Promise<void> {
    try {
      await this.queue.remove(renewalJobId(terms));
    } catch (error) {
      this.logger.warn({ msg: 'stale renewal reminder not removed', ...terms, error: String(error) });
    }
  }
}
