import { MAX_EVENTS_PER_MESSAGE, USAGE_EVENT_TYPE } from '@kaf/billing';
import type { LoadEvent } from './load-plan';

/**
 * The JSON body of one event on the REST door (POST /api/v1/usage-batches): keyed by the
 * customer at a city, by the billing account when the event carries one (a province door).
 */
export function toRestEvent(e: LoadEvent): Record<string, string> {
  return {
    eventId: e.eventId,
    ...(e.billingAccount === undefined ? { customerId: e.customerId } : { billingAccount: e.billingAccount }),
    product: e.product,
    billingMonth: e.billingMonth,
    occurredAt: e.occurredAt,
    amountFen: e.amountFen.toString(),
    quantity: e.quantity,
    unit: e.unit,
    ...(e.supersedes ? { supersedes: e.supersedes } : {}),
  };
}

/**
 * The same event as a CloudEvents 1.0 structured-JSON object for the Kafka door. `source` is the
 * billing system's identity, the same string as its REST token subject, so that one event sent
 * through both doors is booked once.
 */
export function toCloudEvent(e: LoadEvent, source: string): Record<string, unknown> {
  const { eventId, ...data } = toRestEvent(e);
  return {
    specversion: '1.0',
    id: eventId,
    source,
    type: USAGE_EVENT_TYPE,
    time: new Date(Date.parse(e.occurredAt)).toISOString(),
    datacontenttype: 'application/json',
    data,
  };
}

export interface KafkaRecord {
  key: string;
  value: string;
}

/**
 * Kafka records of a send: the events of one customer travel together, keyed by the customer
 * (by the billing account on a province's topic), so that a correction stays behind its
 * original on one partition. A record holds up to `max` events (a JSON array; a single event
 * goes as a bare object).
 */
export function toKafkaRecords(
  events: readonly LoadEvent[],
  source: string,
  max = MAX_EVENTS_PER_MESSAGE,
): KafkaRecord[] {
  const byKey = new Map<string, LoadEvent[]>();
  for (const e of events) {
    const key = e.billingAccount ?? e.customerId;
    const list = byKey.get(key);
    if (list) list.push(e);
    else byKey.set(key, [e]);
  }
  const records: KafkaRecord[] = [];
  for (const [key, list] of byKey) {
    for (let i = 0; i < list.length; i += max) {
      const chunk = list.slice(i, i + max).map((e) => toCloudEvent(e, source));
      records.push({ key, value: JSON.stringify(chunk.length === 1 ? chunk[0] : chunk) });
    }
  }
  return records;
}
