import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FoundAccount } from '../domain/account-months';
import { BillingAccountHolderEntity } from './billing-account-holder.entity';
import { BillingAccountEntity } from './billing-account.entity';

/** Rows per INSERT: 11 columns each keeps a statement far below PostgreSQL's 65,535 binds. */
const INSERT_CHUNK = 1000;

export interface HolderRow {
  fromMonth: string;
  customerId: string;
}

/** An account with its holder rows, oldest first. */
export type AccountWithHolders = BillingAccountEntity & { holders: HolderRow[] };

/** The SQL of `billing_account` and `billing_account_holder` (ADR 0028). */
@Injectable()
export class BillingAccountRepository {
  async insert(
    tx: EntityManager,
    accounts: readonly BillingAccountEntity[],
    holders: readonly BillingAccountHolderEntity[],
  ): Promise<void> {
    for (let i = 0; i < accounts.length; i += INSERT_CHUNK) {
      await tx.getRepository(BillingAccountEntity).insert(accounts.slice(i, i + INSERT_CHUNK));
    }
    for (let i = 0; i < holders.length; i += INSERT_CHUNK * 3) {
      await tx.getRepository(BillingAccountHolderEntity).insert(holders.slice(i, i + INSERT_CHUNK * 3));
    }
  }

  /** The account held by `customerId` now (its latest holder), row-locked; undefined otherwise. */
  async lockHeldBy(
    tx: EntityManager,
    accountId: string,
    customerId: string,
  ): Promise<AccountWithHolders | undefined> {
    const row = await tx
      .getRepository(BillingAccountEntity)
      .createQueryBuilder('a')
      .where('a.id = :accountId AND a.customerId = :customerId', { accountId, customerId })
      .setLock('pessimistic_write')
      .getOne();
    if (!row) return undefined;
    const holders = await this.holdersOf(tx, [row.id]);
    return { ...row, holders: holders.get(row.id) ?? [] };
  }

  async update(
    tx: EntityManager,
    row: BillingAccountEntity,
    changes: Partial<Pick<BillingAccountEntity, 'openedOn' | 'closedOn' | 'paidByAccount' | 'customerId'>>,
  ): Promise<void> {
    await tx
      .getRepository(BillingAccountEntity)
      .update({ id: row.id }, { ...changes, version: row.version, updatedAt: row.updatedAt });
  }

  /** Moves the first holder row (the opening month's) to another month. */
  async moveFirstHolder(tx: EntityManager, accountId: string, from: string, to: string): Promise<void> {
    await tx.query(
      `UPDATE billing_account_holder SET from_month = $3 WHERE account_id = $1 AND from_month = $2`,
      [accountId, from, to],
    );
  }

  async addHolder(tx: EntityManager, holder: BillingAccountHolderEntity): Promise<void> {
    await tx.getRepository(BillingAccountHolderEntity).insert(holder);
  }

  /** The holder from a month that already has a holder row (a transfer corrected). */
  async replaceHolder(tx: EntityManager, holder: BillingAccountHolderEntity): Promise<void> {
    await tx
      .getRepository(BillingAccountHolderEntity)
      .update(
        { accountId: holder.accountId, fromMonth: holder.fromMonth },
        { customerId: holder.customerId },
      );
  }

  /** Holder rows of `accountIds`, oldest first, in one query. */
  async holdersOf(db: EntityManager, accountIds: readonly string[]): Promise<Map<string, HolderRow[]>> {
    const out = new Map<string, HolderRow[]>();
    if (accountIds.length === 0) return out;
    const rows = await db
      .getRepository(BillingAccountHolderEntity)
      .createQueryBuilder('h')
      .where('h.accountId = ANY(:accountIds)', { accountIds })
      .orderBy('h.accountId')
      .addOrderBy('h.fromMonth')
      .getMany();
    for (const r of rows) {
      const list = out.get(r.accountId) ?? [];
      list.push({ fromMonth: r.fromMonth, customerId: r.customerId });
      out.set(r.accountId, list);
    }
    return out;
  }

  /** A page of the accounts `customerId` holds or has held, by opening day. */
  async pageOfCustomer(
    db: EntityManager,
    customerId: string,
    page: { limit: number; offset: number },
  ): Promise<{ rows: BillingAccountEntity[]; total: number }> {
    const [rows, total] = await db
      .getRepository(BillingAccountEntity)
      .createQueryBuilder('a')
      .where(
        'EXISTS (SELECT 1 FROM billing_account_holder h WHERE h.account_id = a.id AND h.customer_id = :customerId)',
        { customerId },
      )
      .orderBy('a.openedOn', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return { rows, total };
  }

  /** Which of `numbers` of `source` are accounts of this city already. */
  async existingNumbers(db: EntityManager, source: string, numbers: readonly string[]): Promise<Set<string>> {
    if (numbers.length === 0) return new Set();
    const rows = await db.query<{ account_number: string }[]>(
      `SELECT account_number FROM billing_account WHERE source = $1 AND account_number = ANY($2::text[])`,
      [source, numbers],
    );
    return new Set(rows.map((r) => r.account_number));
  }

  /**
   * For each reference, in its order, the account of `source` with that number and the holder of
   * the reference's month: one statement however many references (a lateral look-up per
   * reference on the holder's primary key). A malformed month finds no holder.
   */
  async findForMonths(
    db: EntityManager,
    source: string,
    refs: readonly { accountNumber: string; month: string }[],
  ): Promise<(FoundAccount | undefined)[]> {
    if (refs.length === 0) return [];
    const rows = await db.query<
      {
        ord: string;
        id: string | null;
        opened_on: string;
        closed_on: string | null;
        customer_id: string | null;
      }[]
    >(
      `SELECT ref.ord, a.id, to_char(a.opened_on, 'YYYY-MM-DD') AS opened_on,
              to_char(a.closed_on, 'YYYY-MM-DD') AS closed_on, h.customer_id
         FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS ref(num, month, ord)
         LEFT JOIN billing_account a ON a.source = $1 AND a.account_number = ref.num
         LEFT JOIN LATERAL (
           SELECT customer_id FROM billing_account_holder
            WHERE account_id = a.id AND from_month <= ref.month
            ORDER BY from_month DESC LIMIT 1
         ) h ON true
        ORDER BY ref.ord`,
      [source, refs.map((r) => r.accountNumber), refs.map((r) => r.month)],
    );
    return rows.map((r) =>
      r.id === null
        ? undefined
        : { accountId: r.id, openedOn: r.opened_on, closedOn: r.closed_on, customerId: r.customer_id },
    );
  }

  /** The accounts of `keys` (source and number), with their holders, for snapshots. */
  async withHolders(db: EntityManager, ids: readonly string[]): Promise<AccountWithHolders[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .getRepository(BillingAccountEntity)
      .createQueryBuilder('a')
      .where('a.id = ANY(:ids)', { ids })
      .orderBy('a.id')
      .getMany();
    const holders = await this.holdersOf(db, ids);
    return rows.map((r) => ({ ...r, holders: holders.get(r.id) ?? [] }));
  }

  /** The next `limit` accounts of this city after `afterId`, by id, for a resync. */
  async pageAfter(
    db: EntityManager,
    afterId: string | undefined,
    limit: number,
  ): Promise<AccountWithHolders[]> {
    const qb = db.getRepository(BillingAccountEntity).createQueryBuilder('a').orderBy('a.id').take(limit);
    if (afterId) qb.where('a.id > :afterId', { afterId });
    const rows = await qb.getMany();
    const holders = await this.holdersOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({ ...r, holders: holders.get(r.id) ?? [] }));
  }
}
