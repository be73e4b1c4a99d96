import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { REMIND_RENEWAL_JOB, RENEWAL_REMINDER_QUEUE } from '../agreements-queues';
import {
  type ReminderTerms,
  reminderDelayMs,
  reminderFireAt,
  renewalJobId,
} from '../domain/renewal-schedule';
import type { RemindRenewalJobData } from './remind-renewal.job';

const RETAIN_FAILED_SECONDS = 7 * 24 * 3600;

/**
 * Keeps one delayed job per active agreement's reminder terms. The database is the truth: a job
 * that fires for terms no longer current does nothing, so removing stale jobs is only tidiness.
 */
@Injectable()
export class RenewalReminderScheduler {
  private readonly logger = new Logger(RenewalReminderScheduler.name);

  constructor(@InjectQueue(RENEWAL_REMINDER_QUEUE) private readonly queue: Queue<RemindRenewalJobData>) {}

  /** Adds the job for `terms` unless it is already waiting; true when it added one. */
  async ensure(terms: ReminderTerms, now = new Date()): Promise<boolean> {
    const jobId = renewalJobId(terms);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      // A finished job with the same id would swallow the add; the database said it is still due.
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
      await existing.remove();
    }
    const data: RemindRenewalJobData = {
      agreementId: terms.agreementId,
      endDate: terms.endDate,
      reminderDays: terms.reminderDays,
    };
    await this.queue.add(REMIND_RENEWAL_JOB, data, {
      jobId,
      delay: reminderDelayMs(reminderFireAt(terms), now),
      attempts: 5,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: true,
      removeOnFail: { age: RETAIN_FAILED_SECONDS },
    });
    return true;
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
