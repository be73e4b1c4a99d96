import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ServicePolicyReader } from '@kaf/service-policy';
import { DataSource } from 'typeorm';
import { AutoCloseScheduler, autoCloseAt } from './auto-close.scheduler';

const PAGE = 500;

/**
 * Re-creates the auto-close timers of every resolved ticket from the database, at boot and on a
 * schedule, so that a Redis that lost its data costs a delay, not a ticket left open.
 */
@Injectable()
export class AutoCloseReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger(AutoCloseReconciler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: AutoCloseScheduler,
    private readonly policy: ServicePolicyReader,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.reconcile();
    } catch (error) {
      this.logger.warn({
        msg: 'auto-close reconcile at boot failed; the schedule retries',
        error: String(error),
      });
    }
  }

  async reconcile(): Promise<number> {
    const { autoCloseDays } = await this.policy.current();
    let added = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; resolution_date: Date }[] = await this.dataSource.query(
        `SELECT id, resolution_date FROM trouble_ticket
          WHERE status = 'resolved' AND resolution_date IS NOT NULL AND id > $1
          ORDER BY id LIMIT $2`,
        [after, PAGE],
      );
      for (const row of rows) {
        const resolvedAt = new Date(row.resolution_date);
        if (await this.scheduler.ensure(row.id, resolvedAt, autoCloseAt(resolvedAt, autoCloseDays)))
          added += 1;
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
    if (added > 0) this.logger.log({ msg: 'auto-close jobs re-created', added });
    return added;
  }
}
