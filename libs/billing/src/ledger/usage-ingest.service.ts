import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { uuidv7 } from '@kaf/messaging';
import { type ReadResult, readUsageEvent } from './read-usage-event';
import type { UsageBatchResult, UsageEventResult } from './usage-batch.view';
import { UsageBooking } from './usage-booking';

/**
 * The REST door: books a batch of usage events from one billing system into the ledger and the
 * monthly cells, all or nothing, answering each event on its own: a bad event is rejected, the
 * rest go in. The token subject is the source. The batch leaves one audit entry with its counts
 * (not one per event), in the booking's transaction; a batch of nothing but rejects is audited too.
 */
@Injectable()
export class UsageIngestService {
  constructor(
    private readonly booking: UsageBooking,
    private readonly audit: AuditTrail,
  ) {}

  async ingest(scope: AccessScope, batch: readonly unknown[]): Promise<UsageBatchResult> {
    const now = new Date();
    const source = scope.principal.subject;
    const read = batch.map((raw, index) => readUsageEvent(raw, index, now));
    const events = read.filter((r): r is Extract<ReadResult, { ok: true }> => r.ok).map((r) => r.event);
    const refused: UsageEventResult[] = read.flatMap((r) =>
      r.ok ? [] : [{ index: r.index, eventId: r.eventId, status: 'rejected' as const, reason: r.reason }],
    );
    let result: UsageBatchResult | undefined;
    await this.booking.book(source, events, async (tx, verdicts) => {
      result = summarise([...refused, ...verdicts]);
      await this.audit.record(tx, scope.principal, {
        action: 'usage-batch.book',
        resourceType: 'usage-batch',
        resourceId: uuidv7(),
        after: {
          source,
          events: batch.length,
          accepted: result.accepted,
          duplicates: result.duplicates,
          rejected: result.rejected,
        },
      });
    });
    return result!;
  }
}

function summarise(unordered: UsageEventResult[]): UsageBatchResult {
  const results = unordered.sort((x, y) => x.index - y.index);
  const count = (status: UsageEventResult['status']) => results.filter((r) => r.status === status).length;
  return {
    accepted: count('accepted'),
    duplicates: count('duplicate'),
    rejected: count('rejected'),
    results,
  };
}
