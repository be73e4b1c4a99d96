import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { RECONCILE_REMINDERS_JOB, REMINDER_RECONCILE_QUEUE } from '../agreements-queues';
import { AGREEMENTS_OPTIONS, type AgreementsOptions } from '../agreements.options';
import { RenewalReminderScheduler } from './renewal-reminder.scheduler';

const PAGE = 500;

/**
 * Re-creates reminder jobs from the database, at boot and on a schedule, so that a Redis that
 * lost its data (or a scheduling call that failed after a commit) costs a delay, not a reminder.
 */
@Injectable()
export class RenewalReminderReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger(RenewalReminderReconciler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: RenewalReminderScheduler,
    @InjectQueue(REMINDER_RECONCILE_QUEUE) private readonly queue: Queue,
    @Inject(AGREEMENTS_OPTIONS) private readonly options: AgreementsOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RECONCILE_REMINDERS_JOB,
      { every: this.options.reminderReconcileIntervalMs },
      { name: RECONCILE_REMINDERS_JOB, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    await this.reconcile();
  }

  /** Ensures a job for every active agreement whose reminder has not fired; returns jobs added. */
  async reconcile(): Promise<number> {
    let added = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; end_date: string; reminder_days: number }[] = await this.dataSource.query(
        `SELECT id, end_date::text AS end_date, reminder_days
           FROM service_agreement
          WHERE status = 'active' AND renewal_reminded_at IS NULL AND id > $1
          ORDER BY id
          LIMIT $2`,
        [after, PAGE],
      );
      for (const row of rows) {
        const terms = { agreementId: row.id, endDate: row.end_date, reminderDays: row.reminder_days };
        if (await this.scheduler.ensure(terms)) added += 1;
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
    if (added > 0) this.logger.log({ msg: 'renewal reminder jobs re-created', added });
    return added;
  }
}
