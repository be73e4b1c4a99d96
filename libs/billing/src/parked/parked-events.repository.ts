import { Injectable } from '@nestjs/common';
import { uuidv7 } from '@kaf/platform';
import type { EntityManager } from 'typeorm';

export interface ParkedEvent {
  topic: string;
  partition: number;
  offset: string;
  index: number;
  source: string | null;
  eventId: string | null;
  /** The account number the event names, so that opening the account books it. */
  billingAccount: string | null;
  reason: string;
  payload: string;
}

/** Parks events in one statement per chunk; a redelivered message parks its events once. */
@Injectable()
export class ParkedEventsRepository {
  /** Returns how many were parked now (not by an earlier delivery). */
  async park(tx: EntityManager, events: readonly ParkedEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const rows: unknown[] = await tx.query(
      `INSERT INTO billing_parked_event
         (id, topic, partition, "offset", index, source, event_id, reason, payload, billing_account)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::bigint[], $5::int[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::text[])
       ON CONFLICT (topic, partition, "offset", index) DO NOTHING
       RETURNING id`,
      [
        events.map(() => uuidv7()),
        events.map((e) => e.topic),
        events.map((e) => e.partition),
        events.map((e) => e.offset),
        events.map((e) => e.index),
        events.map((e) => storable(e.source)),
        events.map((e) => storable(e.eventId)),
        events.map((e) => storable(e.reason)!.slice(0, 4000)),
        events.map((e) => storable(e.payload)),
        events.map((e) => e.billingAccount),
      ],
    );
    return rows.length;
  }
}

/** PostgreSQL text cannot hold NUL; whatever arrived must still be storable. */
function storable(value: string | null): string | null {
  return value === null ? null : value.split('\u0000').join('\uFFFD');
}
