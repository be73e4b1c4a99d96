import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ensureDelayedJob } from '@kaf/platform';
import type { Queue } from 'bullmq';
import { QUOTE_TIMEOUT_JOB, QUOTE_TIMEOUT_QUEUE } from './quote-timeout-queues';

/** The timer of one requested quote. */
export interface QuoteTimer {
  quoteId: string;
  answerBy: Date;
}

export interface QuoteTimeoutJobData {
  quoteId: string;
}

/** One job per quote (its answer time never moves), so scheduling again is a no-op. */
export function quoteTimerJobId(quoteId: string): string {
  return `quote-${quoteId}`;
}

/**
 * Keeps one delayed job per requested quote, due at its answer time (ADR 0020's timers, ADR 0040).
 * The database is the truth: the job re-reads the quote when it fires and does nothing for one
 * that was settled meanwhile.
 */
@Injectable()
export class QuoteTimerScheduler {
  private readonly logger = new Logger(QuoteTimerScheduler.name);

  constructor(@InjectQueue(QUOTE_TIMEOUT_QUEUE) private readonly queue: Queue<QuoteTimeoutJobData>) {}

  /** Adds the job for `timer` unless one is already waiting; true when it added one. */
  ensure(timer: QuoteTimer, now = new Date()): Promise<boolean> {
    return ensureDelayedJob(
      this.queue,
      {
        name: QUOTE_TIMEOUT_JOB,
        jobId: quoteTimerJobId(timer.quoteId),
        data: { quoteId: timer.quoteId },
        dueAt: timer.answerBy,
      },
      now,
    );
  }

  /** After the quote's transaction committed: a Redis failure costs at most a reconcile interval. */
  async ensureQuietly(timer: QuoteTimer): Promise<void> {
    try {
      await this.ensure(timer);
    } catch (error) {
      this.logger.warn({
        msg: 'quote timer not scheduled; the reconciler will create it',
        quoteId: timer.quoteId,
        error: String(error),
      });
    }
  }
}
