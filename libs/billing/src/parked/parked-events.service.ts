import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import { lockAccountKeys } from '@kaf/billing-accounts';
import type { Principal } from '@kaf/auth';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { readCloudEvent } from '../kafka-door/read-cloud-events';
import { retryableBookingError } from '../ledger/usage-booking';
import { PARKED_EVENT_REPLAYER, type ParkedEventReplayer } from './parked-event-replayer';
import type { ListParkedEventsQuery } from './list-parked-events.query';
import { ParkedUsageEventEntity } from './parked-usage-event.entity';
import {
  type ParkedUsageEventReplay,
  type ParkedUsageEventView,
  toParkedUsageEventView,
} from './parked-usage-event.view';
import { ConflictError, NotFoundError } from '@kaf/platform';

const MAX_ATTEMPTS = 3;

@Injectable()
export class ParkedEventsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PARKED_EVENT_REPLAYER) private readonly replayer: ParkedEventReplayer,
    private readonly audit: AuditTrail,
  ) {}

  async list(query: ListParkedEventsQuery): Promise<{ total: number; items: ParkedUsageEventView[] }> {
    const qb = this.dataSource
      .getRepository(ParkedUsageEventEntity)
      .createQueryBuilder('p')
      .orderBy('p.parkedAt', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .take(query.limit)
      .skip(query.offset);
    if (query.source !== undefined) qb.andWhere('p.source = :source', { source: query.source });
    if (query.eventId !== undefined) qb.andWhere('p.eventId = :eventId', { eventId: query.eventId });
    if (query.partition !== undefined)
      qb.andWhere('p.partition = :partition', { partition: query.partition });
    if (query.replayed !== undefined) {
      qb.andWhere(query.replayed ? 'p.replayedAt IS NOT NULL' : 'p.replayedAt IS NULL');
    }
    const [rows, total] = await qb.getManyAndCount();
    return { total, items: rows.map(toParkedUsageEventView) };
  }

  /**
   * Books a parked event as if it arrived now, through the same reader and booking core as the
   * topic. Booked (or found booked meanwhile) marks it replayed, once: a second replay is refused.
   * Still refused leaves it parked, with the reason brought up to date. Either way the attempt is
   * audited with the verdict, in the replay's transaction.
   */
  async replay(principal: Principal, id: string): Promise<ParkedUsageEventReplay> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (tx) => {
          const repo = tx.getRepository(ParkedUsageEventEntity);
          const row = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
          if (!row) throw new NotFoundError(`parked usage event ${id} not found`);
          if (row.replayedAt) throw new ConflictError(`parked usage event ${id} was replayed already`);
          return this.replayAudited(tx, principal, row);
        });
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !retryableBookingError(error)) throw error;
      }
    }
  }

  /**
   * Replays, inside `tx`, every event parked for one of `accounts` and not replayed yet: called in
   * the transaction that opens or changes those accounts, so an event that waited for its account
   * is booked the moment the account exists. Each replay is audited as the account change's author.
   * Returns how many were taken in.
   */
  async replayForAccounts(
    tx: EntityManager,
    principal: Principal,
    accounts: readonly { source: string; accountNumber: string }[],
  ): Promise<number> {
    if (accounts.length === 0) return 0;
    await lockAccountKeys(tx, accounts, 'exclusive');
    const rows = await tx
      .getRepository(ParkedUsageEventEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.replayedAt IS NULL')
      .andWhere(
        '(p.source, p.billingAccount) IN (SELECT * FROM unnest(:sources::text[], :numbers::text[]))',
        { sources: accounts.map((a) => a.source), numbers: accounts.map((a) => a.accountNumber) },
      )
      .orderBy('p.parkedAt')
      .addOrderBy('p.topic')
      .addOrderBy('p.partition')
      .addOrderBy('p.offset')
      .addOrderBy('p.index')
      .getMany();
    let taken = 0;
    for (const row of rows) {
      const replay = await this.replayAudited(tx, principal, row);
      if (replay.status !== 'rejected') taken++;
    }
    return taken;
  }

  private async replayAudited(
    tx: EntityManager,
    principal: Principal,
    row: ParkedUsageEventEntity,
  ): Promise<ParkedUsageEventReplay> {
    const before = toAuditedParkedEvent(toParkedUsageEventView(row));
    const replay = await this.book(tx, tx.getRepository(ParkedUsageEventEntity), row);
    await this.audit.record(tx, principal, {
      action: 'usage-parked-event.replay',
      resourceType: 'usage-parked-event',
      resourceId: row.id,
      before,
      after: { ...toAuditedParkedEvent(replay.parkedEvent), status: replay.status },
    });
    return replay;
  }

  private async book(
    tx: EntityManager,
    repo: Repository<ParkedUsageEventEntity>,
    row: ParkedUsageEventEntity,
  ): Promise<ParkedUsageEventReplay> {
    const position = { topic: row.topic, partition: row.partition, offset: row.offset, index: row.index };
    let raw: unknown;
    try {
      raw = JSON.parse(row.payload);
    } catch (error) {
      return this.stillRefused(repo, row, `message: is not valid JSON (${(error as Error).message})`);
    }
    const read = Array.isArray(raw)
      ? undefined
      : readCloudEvent(raw, position, new Date(), () => row.payload);
    if (!read?.ok) {
      const reason =
        read?.reason ?? 'message: a batch message at fault as a whole cannot be replayed as one event';
      return this.stillRefused(repo, row, reason);
    }
    const outcome = await this.replayer.replay(tx, read);
    if (outcome.status === 'rejected') return this.stillRefused(repo, row, outcome.reason);
    row.replayedAt = new Date();
    row.replayStatus = outcome.status;
    await repo.update({ id: row.id }, { replayedAt: row.replayedAt, replayStatus: row.replayStatus });
    return { status: outcome.status, parkedEvent: toParkedUsageEventView(row) };
  }

  private async stillRefused(
    repo: Repository<ParkedUsageEventEntity>,
    row: ParkedUsageEventEntity,
    reason: string,
  ): Promise<ParkedUsageEventReplay> {
    if (reason !== row.reason) {
      row.reason = reason;
      await repo.update({ id: row.id }, { reason });
    }
    return { status: 'rejected', reason, parkedEvent: toParkedUsageEventView(row) };
  }
}

type AuditedParkedEvent = Pick<
  ParkedUsageEventView,
  'source' | 'eventId' | 'reason' | 'replayedAt' | 'replayStatus'
>;

/** The parked event as its audit entry keeps it: the payload stays in its own row. */
function toAuditedParkedEvent(view: ParkedUsageEventView): AuditedParkedEvent {
  const { source, eventId, reason, replayedAt, replayStatus } = view;
  return { source, eventId, reason, replayedAt, replayStatus };
}
