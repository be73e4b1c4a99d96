import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReportedBillingAccountEntity } from './reported-billing-account.entity';

export interface ReportedAccountRow {
  accountId: string;
  cityCode: string;
  version: number;
  source: string;
  accountNumber: string;
  openedOn: string;
  closedOn: string | null;
  paidByAccount: string | null;
  holders: { fromMonth: string; customerId: string }[];
}

/** The SQL of `reported_billing_account`, the province's read model (ADR 0028). */
@Injectable()
export class ReportedBillingAccountRepository {
  /**
   * Stores a city's version of an account when it is newer than the copy, and only from the city
   * that holds it. True when it was stored.
   */
  async upsert(tx: EntityManager, row: ReportedAccountRow): Promise<boolean> {
    const stored = await tx.query<unknown[]>(
      `INSERT INTO reported_billing_account AS r
         (account_id, city_code, version, source, account_number, opened_on, closed_on,
          paid_by_account, holders, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, now())
       ON CONFLICT (account_id) DO UPDATE SET
         version = excluded.version, source = excluded.source,
         account_number = excluded.account_number, opened_on = excluded.opened_on,
         closed_on = excluded.closed_on, paid_by_account = excluded.paid_by_account,
         holders = excluded.holders, received_at = excluded.received_at
       WHERE excluded.version > r.version AND r.city_code = excluded.city_code
       RETURNING 1`,
      [
        row.accountId,
        row.cityCode,
        row.version,
        row.source,
        row.accountNumber,
        row.openedOn,
        row.closedOn,
        row.paidByAccount,
        JSON.stringify(row.holders),
      ],
    );
    return stored.length > 0;
  }

  /**
   * The city holding each (number, month) of `source`, in the order of `refs`, in one statement:
   * among the copies of that number whose months include the month, the one opened last (a month
   * both closed in one city and opened in another goes to the city that holds it at month end).
   * A malformed month routes nowhere.
   */
  async cityFor(
    db: EntityManager,
    source: string,
    refs: readonly { accountNumber: string; month: string | null }[],
  ): Promise<(string | undefined)[]> {
    if (refs.length === 0) return [];
    const rows = await db.query<{ city_code: string | null }[]>(
      `SELECT (SELECT a.city_code FROM reported_billing_account a
                WHERE a.source = $1 AND a.account_number = ref.num
                  AND a.opened_on < (to_date(ref.month, 'YYYY-MM') + interval '1 month')
                  AND (a.closed_on IS NULL OR a.closed_on >= to_date(ref.month, 'YYYY-MM'))
                ORDER BY a.opened_on DESC, a.account_id DESC LIMIT 1) AS city_code
         FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS ref(num, month, ord)
        ORDER BY ref.ord`,
      [source, refs.map((r) => r.accountNumber), refs.map((r) => r.month)],
    );
    return rows.map((r) => r.city_code ?? undefined);
  }

  /** Copies of `source`/`accountNumber` in `cityCodes`, filtered, oldest opening first. */
  async find(
    db: EntityManager,
    filter: { source?: string; accountNumber?: string; cityCodes: readonly string[] },
    page: { limit: number; offset: number },
  ): Promise<{ rows: ReportedBillingAccountEntity[]; total: number }> {
    const qb = db
      .getRepository(ReportedBillingAccountEntity)
      .createQueryBuilder('a')
      .where('a.cityCode = ANY(:cities)', { cities: filter.cityCodes });
    if (filter.source !== undefined) qb.andWhere('a.source = :source', { source: filter.source });
    if (filter.accountNumber !== undefined) {
      qb.andWhere('a.accountNumber = :accountNumber', { accountNumber: filter.accountNumber });
    }
    const [rows, total] = await qb
      .orderBy('a.source')
      .addOrderBy('a.accountNumber')
      .addOrderBy('a.openedOn')
      .addOrderBy('a.accountId')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return { rows, total };
  }
}
