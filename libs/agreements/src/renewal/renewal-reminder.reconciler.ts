import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
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
