import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { uuidv7 } from '@kaf/messaging';
import { DataSource } from 'typeorm';
import type { BillingEventKind } from '../events/billing-event-kind';
import { auditedResource } from '../events/billing-batches.service';
import type { ReadCloudEvent } from '../kafka-door/read-cloud-events';
import { BillingEventRouter } from './billing-event.router';
import type { ProvinceBatchResult, ProvinceEventResult } from './province-batch.view';

/**
 * The province's REST door: reads a batch of one kind of event by the city door's rules and
 * routes each to the city that holds its account, all in one transaction with the batch's audit
 * entry. Each event is answered `routed` (with its city) or `rejected` (malformed, or no city of
 * the province holds the account for the month); what the city then parks is visible there.
 */
@Injectable()
export class ProvinceBatchesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly router: BillingEventRouter,
    private readonly audit: AuditTrail,
  ) {}

  async ingest(
    scope: AccessScope,
    kind: BillingEventKind,
    batch: readonly unknown[],
  ): Promise<ProvinceBatchResult> {
    const now = new Date();
    const source = scope.principal.subject;
    return this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query<{ n: string }[]>(`SELECT nextval('billing_door_batch_seq')::text AS n`);
      const n = row!.n;
      const door = `rest:${kind.restResource}`;
      const results: ProvinceEventResult[] = [];
      const reads: ReadCloudEvent[] = [];
      batch.forEach((raw, index) => {
        const read = kind.read(raw, index, now);
        if (!read.ok) {
          results.push({ index, eventId: read.eventId, status: 'rejected', reason: read.reason });
          return;
        }
        const position = { topic: door, partition: 0, offset: n, index };
        reads.push({
          ok: true,
          position,
          source,
          kind,
          event: read.event,
          payload: () => asCloudEvent(kind, source, raw),
        });
      });
      const verdicts = await this.router.routeWithin(tx, reads);
      verdicts.forEach((v, i) => {
        const { index, eventId } = reads[i]!.event;
        results.push(
          v.status === 'routed'
            ? { index, eventId, status: 'routed', cityCode: v.cityCode }
            : { index, eventId, status: 'rejected', reason: v.reason },
        );
      });
      results.sort((x, y) => x.index - y.index);
      const routed = results.filter((r) => r.status === 'routed').length;
      const result = { routed, rejected: results.length - routed, results };
      await this.audit.record(tx, scope.principal, {
        action: `${auditedResource(kind)}.route`,
        resourceType: auditedResource(kind),
        resourceId: uuidv7(),
        after: { source, batch: n, events: batch.length, routed, rejected: result.rejected },
      });
      return result;
    });
  }
}

/** The REST event as the CloudEvent the city's readers take: its id and source in the envelope. */
function asCloudEvent(kind: BillingEventKind, source: string, raw: unknown): string {
  const { eventId, ...data } = raw as Record<string, unknown>;
  return JSON.stringify({
    specversion: '1.0',
    id: eventId,
    source,
    type: kind.cloudEventType,
    datacontenttype: 'application/json',
    data,
  });
}
