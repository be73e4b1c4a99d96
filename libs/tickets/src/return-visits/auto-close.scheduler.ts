import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ensureDelayedJob } from '@kaf/platform';
import type { Queue } from 'bullmq';
import { CLOSE_RESOLVED_TICKET_JOB, TICKET_AUTO_CLOSE_QUEUE } from './tickets-queues';

export interface CloseResolvedTicketJobData {
  ticketId: string;
  /** The resolution the timer belongs to: a reopened and resolved-again ticket has a new one. */
  resolvedAt: string;
}

const DAY_MS = 86_400_000;

/** When a ticket resolved at `resolvedAt` closes by itself. */
export function autoCloseAt(resolvedAt: Date, autoCloseDays: number): Date {
  return new Date(resolvedAt.getTime() + autoCloseDays * DAY_MS);
}

/**
 * One delayed job per resolved ticket, due `autoCloseDays` after its resolution. The database is
 * the truth (ADR 0020): the job re-reads the ticket, and the reconciler rebuilds lost jobs.
 */
@Injectable()
export class AutoCloseScheduler {
  private readonly logger = new Logger(AutoCloseScheduler.name);

  constructor(
    @InjectQueue(TICKET_AUTO_CLOSE_QUEUE) private readonly queue: Queue<CloseResolvedTicketJobData>,
  ) {}

  ensure(ticketId: string, resolvedAt: Date, dueAt: Date, now = new Date()): Promise<boolean> {
    return ensureDelayedJob(
      this.queue,
      {
        name: CLOSE_RESOLVED_TICKET_JOB,
        jobId: `auto-close-${ticketId}-${resolvedAt.getTime()}-${dueAt.getTime()}`,
        data: { ticketId, resolvedAt: resolvedAt.toISOString() },
        dueAt,
        backoffMs: 5_000,
      },
      now,
    );
  }

  /** Best effort inside the resolving transaction: a Redis failure is logged and the reconciler catches up. */
  async ensureQuietly(ticketId: string, resolvedAt: Date, dueAt: Date): Promise<void> {
    try {
      await this.ensure(ticketId, resolvedAt, dueAt);
    } catch (error) {
      this.logger.warn({
        msg: 'auto-close not scheduled; reconciler will retry',
        ticketId,
        error: String(error),
      });
    }
  }
}
