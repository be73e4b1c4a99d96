import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, type Job, type Queue } from 'bullmq';
import { ensureDelayedJob } from './delayed-jobs';
import type { DeadlineKind, DeadlineOutcome } from './durable-deadline';

const PAGE = 500;

export interface DeadlineJobData {
  id: string;
}

/** How a capability names its deadlines' queue and jobs. */
export interface DeadlineNames {
  /** The BullMQ queue, registered by the capability's module. */
  queue: string;
  /** The deadline jobs' name; the reconcile pass runs on the same queue as `<job>-reconcile`. */
  job: string;
}

export function reconcileJobName(names: DeadlineNames): string {
  return `${names.job}-reconcile`;
}

/**
 * Durable deadlines of one kind (ADR 0046, on ADR 0020's timers): one delayed job per open
 * deadline, added when its owner arms it and re-added from the database at boot and on a kept
 * job schedule, so a Redis flush or a node killed between commit and arm loses nothing. The job
 * decides nothing: it asks the kind's `check`, re-arms itself when the deadline has moved, and
 * stops when the check says done or paused.
 */
export class DurableDeadlines implements OnApplicationBootstrap {
  private readonly logger: Logger;

  constructor(
    private readonly queue: Queue<DeadlineJobData>,
    private readonly names: DeadlineNames,
    private readonly kind: DeadlineKind,
  ) {
    this.logger = new Logger(`DurableDeadlines(${names.queue})`);
  }

  /** One job per item: arming again while it waits is a no-op; a moved deadline re-arms when it fires. */
  jobId(id: string): string {
    return `${this.names.job}-${id}`;
  }

  /** Adds the job of deadline `id` unless one is waiting; true when it added one. */
  arm(id: string, dueAt: Date, now = new Date()): Promise<boolean> {
    if (id.includes(':')) throw new Error(`deadline id ${id} holds a colon`);
    return ensureDelayedJob(
      this.queue,
      { name: this.names.job, jobId: this.jobId(id), data: { id }, dueAt },
      now,
    );
  }

  /** After (or inside) the owner's transaction: a Redis failure costs at most a reconcile interval. */
  async armQuietly(id: string, dueAt: Date): Promise<void> {
    try {
      await this.arm(id, dueAt);
    } catch (error) {
      this.logger.warn({ msg: 'deadline not armed; the reconciler will arm it', id, error: String(error) });
    }
  }

  /**
   * Drops the waiting job of a deadline its owner no longer wants (best effort): only tidiness,
   * since the kind's check finds such a deadline done when its job fires anyway.
   */
  async disarm(id: string): Promise<void> {
    try {
      await this.queue.remove(this.jobId(id));
    } catch (error) {
      this.logger.warn({
        msg: 'deadline not disarmed; its check will find it done',
        id,
        error: String(error),
      });
    }
  }

  /**
   * Arms every open deadline the database lists. One that has passed gets a job due at once, so
   * firing always runs through the worker and its check, never beside it.
   */
  async reconcile(now = new Date()): Promise<{ listed: number; armed: number }> {
    let listed = 0;
    let armed = 0;
    let after = '';
    for (;;) {
      const page = await this.kind.listOpen(after, PAGE);
      for (const deadline of page) {
        listed += 1;
        if (await this.arm(deadline.id, deadline.dueAt, now)) armed += 1;
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    if (armed > 0) this.logger.log({ msg: 'deadlines re-armed from the database', listed, armed });
    return { listed, armed };
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.reconcile();
    } catch (error) {
      // Redis or the database away at boot: the kept schedule's next pass does it.
      this.logger.warn({ msg: 'deadline reconcile at boot failed', error: String(error) });
    }
  }

  /** The worker's body, for both the deadline jobs and the reconcile pass. */
  async process(job: Job<DeadlineJobData>, token?: string): Promise<{ outcome: string; armed?: number }> {
    if (job.name === reconcileJobName(this.names)) {
      const { armed } = await this.reconcile();
      return { outcome: 'reconciled', armed };
    }
    const outcome: DeadlineOutcome = await this.kind.check(job.data.id, new Date());
    if (outcome.kind === 'notDue') {
      await job.moveToDelayed(outcome.at.getTime(), token);
      throw new DelayedError();
    }
    return { outcome: outcome.kind };
  }
}
