import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { uuidv7 } from '@kaf/messaging';
import { BillingEventBooking } from './billing-event-booking';
import type { BillingEventKind, KindedEvent } from './billing-event-kind';
import type { BillingBatchResult, BillingEventResult } from './billing-batch.view';

/**
 * The REST door at the city: books a batch of one kind of event from one billing system, all or
 * nothing, answering each event on its own: a bad event (or one whose account is not this
 * city's) is rejected, the rest go in. The token subject is the source. The batch leaves one
 * audit entry with its counts (not one per event), in the booking's transaction; a batch of
 * nothing but rejects is audited too.
 */
@Injectable()
export class BillingBatchesService {
  constructor(
    private readonly booking: BillingEventBooking,
    private readonly audit: AuditTrail,
  ) {}

  async ingest(
    scope: AccessScope,
    kind: BillingEventKind,
    batch: readonly unknown[],
  ): Promise<BillingBatchResult> {
    const now = new Date();
    const source = scope.principal.subject;
    const events: KindedEvent[] = [];
    const refused: BillingEventResult[] = [];
    batch.forEach((raw, index) => {
      const read = kind.read(raw, index, now);
      if (read.ok) events.push({ kind, event: read.event });
      else refused.push({ index, eventId: read.eventId, status: 'rejected', reason: read.reason });
    });
    let result: BillingBatchResult | undefined;
    await this.booking.book(source, events, async (tx, verdicts) => {
      result = summarise([...refused, ...verdicts]);
      await this.audit.record(tx, scope.principal, {
        action: `${auditedResource(kind)}.book`,
        resourceType: auditedResource(kind),
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

/** `usage-batch`, `bill-batch`, `payment-batch`: the audit's name of a batch of the kind. */
export function auditedResource(kind: BillingEventKind): string {
  return `${kind.name}-batch`;
}

export function summarise(unordered: BillingEventResult[]): BillingBatchResult {
  const results = unordered.sort((x, y) => x.index - y.index);
  const count = (status: BillingEventResult['status']) => results.filter((r) => r.status === status).length;
  return {
    accepted: count('accepted'),
    duplicates: count('duplicate'),
    rejected: count('rejected'),
    results,
  };
}
