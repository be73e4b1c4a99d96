import { Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { type ReadResult, readUsageEvent } from './read-usage-event';
import type { UsageBatchResult, UsageEventResult } from './usage-batch.view';
import { UsageBooking } from './usage-booking';

/**
 * The REST door: books a batch of usage events from one billing system into the ledger and the
 * monthly cells, all or nothing, answering each event on its own: a bad event is rejected, the
 * rest go in. The token subject is the source.
 */
@Injectable()
export class UsageIngestService {
  constructor(private readonly booking: UsageBooking) {}

  async ingest(scope: AccessScope, batch: readonly unknown[]): Promise<UsageBatchResult> {
    const now = new Date();
    const read = batch.map((raw, index) => readUsageEvent(raw, index, now));
    const events = read.filter((r): r is Extract<ReadResult, { ok: true }> => r.ok).map((r) => r.event);
    const verdicts = events.length > 0 ? await this.booking.book(scope.principal.subject, events) : [];
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
}
