import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { MetricsRegistry } from '@kaf/observability';
import { Counter } from 'prom-client';
import type { JobSchedule } from './job-schedule';
import { PeriodicTask } from './periodic-task';

/** Checks are never more frequent than this, however short a declared interval. */
const MIN_CHECK_MS = 1000;
const JOB_OPTS = { removeOnComplete: 100, removeOnFail: 100 };

/** What the node tells its parent about schedules that Redis lost. */
export interface JobSchedulesState {
  /** Schedulers found missing and put back since this process started. */
  restored: number;
  lastRestoredAt: Date | null;
  /** `queue/job` of the schedulers put back last time. */
  lastRestored: string[];
}

interface Kept {
  queue: Queue;
  schedule: JobSchedule;
}

/**
 * Keeps every declared BullMQ job scheduler present. A scheduler lives only in Redis: a Redis
 * restarted without persistence, flushed or failed over loses it, and with it every later run.
 * So the keeper upserts them at boot and then checks them on this process's own clock (every
 * shortest declared interval, at least 1 s) and when a Redis connection comes back, re-creating
 * a missing one at once; a BullMQ `every` scheduler runs its first job immediately, so the work
 * it drives (a status report, a reconciliation) also catches up at once.
 */
@Injectable()
export class JobScheduleKeeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobScheduleKeeper.name);
  private readonly kept = new Map<string, Kept>();
  private readonly restoredTotal: Counter<'schedule'>;
  private readonly state: JobSchedulesState = { restored: 0, lastRestoredAt: null, lastRestored: [] };
  private task: PeriodicTask | undefined;

  constructor(metrics: MetricsRegistry) {
    this.restoredTotal = new Counter({
      name: 'kaf_job_schedules_restored_total',
      help: 'BullMQ job schedulers found missing from Redis and re-created, by queue/job',
      labelNames: ['schedule'],
      registers: [metrics.registry],
    });
  }

  /** Called once per schedule by `keptJobSchedule` providers while modules initialise. */
  declare(queue: Queue, schedule: JobSchedule): JobSchedule {
    const key = `${schedule.queue}/${schedule.job}`;
    if (this.kept.has(key)) throw new Error(`job schedule ${key} is declared twice`);
    this.kept.set(key, { queue, schedule });
    this.restoredTotal.inc({ schedule: key }, 0);
    return schedule;
  }

  snapshot(): JobSchedulesState {
    return { ...this.state, lastRestored: [...this.state.lastRestored] };
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const { queue, schedule } of this.kept.values()) {
      if (schedule.everyMs > 0) {
        await this.upsert(queue, schedule);
      } else {
        await queue.removeJobScheduler(schedule.job);
        this.logger.log({ msg: 'job schedule is off', queue: schedule.queue, job: schedule.job });
      }
    }
    const active = this.active();
    if (active.length === 0) return;
    const everyMs = Math.max(MIN_CHECK_MS, Math.min(...active.map((k) => k.schedule.everyMs)));
    this.task = new PeriodicTask({ name: 'job schedule check', everyMs }, async () => {
      await this.check();
    });
    this.task.start();
    for (const queue of new Set(active.map((k) => k.queue))) {
      // A reconnect most often follows a Redis restart, which may have lost every key.
      (await queue.client).on('ready', () => void this.task?.nudge());
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  /** Re-creates the schedulers Redis no longer has; returns their `queue/job` keys. */
  async check(): Promise<string[]> {
    const restored: string[] = [];
    for (const { queue, schedule } of this.active()) {
      const key = `${schedule.queue}/${schedule.job}`;
      try {
        if (await queue.getJobScheduler(schedule.job)) continue;
        await this.upsert(queue, schedule);
        restored.push(key);
        this.restoredTotal.inc({ schedule: key });
      } catch (error) {
        // Redis is away: the next check tries again; readiness reports Redis itself.
        this.logger.warn({ msg: 'job schedule check failed', schedule: key, error: String(error) });
      }
    }
    if (restored.length > 0) {
      this.state.restored += restored.length;
      this.state.lastRestoredAt = new Date();
      this.state.lastRestored = restored;
      this.logger.warn({ msg: 'job schedulers were missing from Redis; re-created', schedules: restored });
    }
    return restored;
  }

  private active(): Kept[] {
    return [...this.kept.values()].filter((k) => k.schedule.everyMs > 0);
  }

  private async upsert(queue: Queue, schedule: JobSchedule): Promise<void> {
    await queue.upsertJobScheduler(
      schedule.job,
      { every: schedule.everyMs },
      { name: schedule.job, data: {}, opts: JOB_OPTS },
    );
  }
}
