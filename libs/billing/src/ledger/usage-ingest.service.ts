import { Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { CustomerDirectory } from '@kaf/customers';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { type EventVerdict, planBatch } from '../domain/batch-plan';
import { type ReadResult, readUsageEvent, type UsageEvent } from './read-usage-event';
import type { UsageBatchResult, UsageEventResult } from './usage-batch.view';
import { UsageLedgerRepository } from './usage-ledger.repository';

/** A concurrent batch wrote some of the same events first: plan again on what it committed. */
class LostRace extends Error {}

const MAX_ATTEMPTS = 3;
/** Deadlock and serialization failures: safe to retry, the transaction left nothing behind. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

/**
 * Books a batch of usage events from one billing system into the ledger and the monthly cells,
 * all or nothing, answering each event on its own: a bad event is rejected, the rest go in.
 */
@Injectable()
export class UsageIngestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerDirectory,
    private readonly ledger: UsageLedgerRepository,
  ) {}

  async ingest(scope: AccessScope, batch: readonly unknown[]): Promise<UsageBatchResult> {
    const now = new Date();
    const read = batch.map((raw, index) => readUsageEvent(raw, index, now));
    const events = read.filter((r): r is Extract<ReadResult, { ok: true }> => r.ok).map((r) => r.event);
    const verdicts = events.length > 0 ? await this.book(scope.principal.subject, events) : [];
    const results: UsageEventResult[] = [
      ...read.flatMap((r) =>
        r.ok ? [] : [{ index: r.index, eventId: r.eventId, status: 'rejected' as const, reason: r.reason }],
      ),
      ...verdicts,
    ].sort((x, y) => x.index - y.index);
    const count = (status: UsageEventResult['status']) => results.filter((r) => r.status === status).length;
    return {
      accepted: count('accepted'),
      duplicates: count('duplicate'),
      rejected: count('rejected'),
      results,
    };
  }

  private async book(source: string, events: UsageEvent[]): Promise<EventVerdict[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((tx) => this.bookOnce(tx, source, events));
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !retryable(error)) throw error;
      }
    }
  }

  private async bookOnce(tx: EntityManager, source: string, events: UsageEvent[]): Promise<EventVerdict[]> {
    const named = new Set(events.flatMap((e) => (e.supersedes ? [e.eventId, e.supersedes] : [e.eventId])));
    const ledger = await this.ledger.lock(tx, source, [...named]);
    const knownCustomers = await this.customers.existingIds(
      [...new Set(events.map((e) => e.customerId))],
      tx,
    );
    const plan = planBatch(events, { knownCustomers, ledger });
    const written = await this.ledger.insert(tx, source, plan.accepted);
    if (written.size !== plan.accepted.length) throw new LostRace();
    const superseded = await this.ledger.supersede(tx, source, plan.supersessions);
    if (superseded !== plan.supersessions.length) throw new LostRace();
    await this.ledger.applyToCells(
      tx,
      source,
      [...written],
      plan.supersessions.map((s) => s.original),
    );
    return plan.verdicts;
  }
}

function retryable(error: unknown): boolean {
  if (error instanceof LostRace) return true;
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}
