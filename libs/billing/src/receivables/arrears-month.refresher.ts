import { Injectable, Logger } from '@nestjs/common';
import { billingMonthOf, shanghaiDate } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { AccountPositions } from './account-positions';
import { ArrearsMonthRepository } from './arrears-month.repository';

/** Accounts recomputed per transaction: short transactions, few locks held at a time. */
const ACCOUNTS_PER_ROUND = 200;

/**
 * When the day turns (Shanghai), every account's current month row is taken again as of the new
 * day, and a new month gets its rows: overdue bills move between bands without any event.
 */
@Injectable()
export class ArrearsMonthRefresher {
  private readonly logger = new Logger(ArrearsMonthRefresher.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly months: ArrearsMonthRepository,
    private readonly positions: AccountPositions,
  ) {}

  /** Refreshes every stale account as of `now`'s day; answers how many accounts were recomputed. */
  async refresh(now: Date = new Date()): Promise<number> {
    const today = shanghaiDate(now);
    const month = billingMonthOf(now);
    let done = 0;
    let previous = '';
    for (;;) {
      const stale = await this.months.staleAccounts(today, month, ACCOUNTS_PER_ROUND);
      const ids = stale.map((s) => s.accountId);
      // A page seen twice made no progress: stop rather than spin (the next tick tries again).
      if (ids.length === 0 || ids.join() === previous) break;
      previous = ids.join();
      const from = new Map<string, string>();
      for (const s of stale) if (s.from !== undefined) from.set(s.accountId, s.from);
      await this.dataSource.transaction((tx) => this.positions.recompute(tx, ids, today, from));
      done += ids.length;
    }
    if (done > 0) this.logger.log(`arrears month rows taken as of ${today} for ${done} accounts`);
    return done;
  }
}
