import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ONE_STOP_OPTIONS, type OneStopOptions } from '../../one-stop.options';
import { RECONCILE_SLA_TIMERS_JOB, SLA_RECONCILE_QUEUE } from '../circuit-orders-queues';
import { SlaBreachChecker } from './sla-breach.checker';
import { SlaTimerScheduler } from './sla-timer.scheduler';

const PAGE = 500;

interface WatchedAttempt {
  id: string;
  attempt: number;
  deadline: Date;
}

/**
 * Rebuilds the SLA timers from the database, at boot and on a BullMQ job scheduler every
 * `slaReconcileIntervalMs`: an open attempt of a watched order with no escalation gets its job
 * back if its deadline lies ahead, and is checked at once if the deadline has passed. So a timer
 * lost from Redis, or never scheduled because Redis was down at commit, still escalates, once.
 */
@Injectable()
export class SlaTimerReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaTimerReconciler.name);
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: SlaTimerScheduler,
    private readonly checker: SlaBreachChecker,
    @InjectQueue(SLA_RECONCILE_QUEUE) private readonly queue: Queue,
    @Inject(ONE_STOP_OPTIONS) private readonly options: OneStopOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureScheduler();
    await this.reconcile();
    // A Redis that lost everything lost the job scheduler too: put it back from here.
    this.watchdog = setInterval(() => void this.keepScheduler(), this.options.slaReconcileIntervalMs);
    this.watchdog.unref();
  }

  onApplicationShutdown(): void {
    if (this.watchdog) clearInterval(this.watchdog);
  }

  async reconcile(now = new Date()): Promise<{ added: number; escalated: number }> {
    let added = 0;
    let escalated = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: WatchedAttempt[] = await this.dataSource.query(
        `SELECT s.id, s.attempt, s.deadline
           FROM circuit_segment s
           JOIN circuit_order o ON o.id = s.order_id
          WHERE s.state IN ('dispatched', 'acknowledged', 'accepted', 'inProgress', 'pending')
            AND o.state IN ('acknowledged', 'inProgress', 'pending')
            AND NOT EXISTS (SELECT 1 FROM circuit_escalation e
                             WHERE e.segment_id = s.id AND e.attempt = s.attempt)
            AND s.id > $1
          ORDER BY s.id
          LIMIT $2`,
        [after, PAGE],
      );
      for (const row of rows) {
        const deadline = new Date(row.deadline);
        if (deadline.getTime() <= now.getTime()) {
          const outcome = await this.checker.check(row.id, row.attempt, now);
          if (outcome.kind === 'escalated') escalated += 1;
        } else if (await this.scheduler.ensure({ segmentId: row.id, attempt: row.attempt, deadline }, now)) {
          added += 1;
        }
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
    if (added > 0 || escalated > 0) this.logger.log({ msg: 'SLA timers reconciled', added, escalated });
    return { added, escalated };
  }

  private async ensureScheduler(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RECONCILE_SLA_TIMERS_JOB,
      { every: this.options.slaReconcileIntervalMs },
      { name: RECONCILE_SLA_TIMERS_JOB, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }

  private async keepScheduler(): Promise<void> {
    try {
      if (await this.queue.getJobScheduler(RECONCILE_SLA_TIMERS_JOB)) return;
      this.logger.warn({ msg: 'SLA reconcile scheduler was lost from Redis; putting it back' });
      await this.ensureScheduler();
      await this.reconcile();
    } catch (error) {
      this.logger.warn({ msg: 'SLA reconcile scheduler check failed', error: String(error) });
    }
  }
}
