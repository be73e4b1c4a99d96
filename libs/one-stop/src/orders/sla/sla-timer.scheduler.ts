import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ensureDelayedJob } from '@kaf/platform';
import { SLA_CHECK_JOB, SLA_CHECK_QUEUE } from '../circuit-orders-queues';

/** The SLA timer of one segment attempt. */
export interface SlaTimer {
  segmentId: string;
  attempt: number;
  deadline: Date;
}

export interface SlaCheckJobData {
  segmentId: string;
  attempt: number;
}

/** One job per segment attempt, so scheduling again is a no-op (BullMQ ids take no colons here). */
export function slaJobId(segmentId: string, attempt: number): string {
  return `sla-${segmentId}-a${attempt}`;
}

/**
 * Keeps one delayed job per open segment attempt, due at its deadline. The database is the
 * truth: the job re-reads the segment when it fires, re-arms itself when the deadline has moved
 * (a hold), and does nothing for an attempt that is no longer current.
 */
@Injectable()
export class SlaTimerScheduler {
  private readonly logger = new Logger(SlaTimerScheduler.name);

  constructor(@InjectQueue(SLA_CHECK_QUEUE) private readonly queue: Queue<SlaCheckJobData>) {}

  /** Adds the job for `timer` unless one is already waiting; true when it added one. */
  async ensure(timer: SlaTimer, now = new Date()): Promise<boolean> {
    return ensureDelayedJob(
      this.queue,
      {
        name: SLA_CHECK_JOB,
        jobId: slaJobId(timer.segmentId, timer.attempt),
        data: { segmentId: timer.segmentId, attempt: timer.attempt },
        dueAt: timer.deadline,
      },
      now,
    );
  }

  /** Schedules after a commit (or a best effort inside one): a Redis failure costs a reconcile interval. */
  async ensureQuietly(timers: readonly SlaTimer[]): Promise<void> {
    for (const timer of timers) {
      try {
        await this.ensure(timer);
      } catch (error) {
        this.logger.warn({
          msg: 'SLA timer not scheduled; the reconciler will create it',
          segmentId: timer.segmentId,
          attempt: timer.attempt,
          error: String(error),
        });
      }
    }
  }
}
