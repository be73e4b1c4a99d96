import { Injectable } from '@nestjs/common';
import { BillingAccountRoutes } from '@kaf/billing-accounts';
import { RoutedBillingEventSchema, RoutedBillingEventsSchema, type RoutedBillingEvent } from '@kaf/contracts';
import { create } from '@bufbuild/protobuf';
import { OutboxWriter } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import type { ReadCloudEvent } from '../kafka-door/read-cloud-events';

/** Events per routed message: about 100 KB, so that an event waits behind little at its city. */
export const MAX_ROUTED_PER_MESSAGE = 250;

/**
 * Keys a city's routed messages are spread over, by account: the city books them on as many
 * partitions of its inbox at once, and one account's events keep one key, so their order.
 */
export const ROUTE_KEYS_PER_CITY = 16;

/** Where one event went: to a city, or nowhere and why (naming the field). */
export type RouteVerdict = { status: 'routed'; cityCode: string } | { status: 'rejected'; reason: string };

/**
 * The province's door core: finds, for each event, the city that holds its billing account for
 * the event's month (from the province's read model of its cities' accounts) and writes the
 * routed events to those cities through the outbox, in the caller's transaction, batched per city
 * and account bucket and keyed by them, so that one account's events keep their order while a
 * city books different accounts' events side by side. Events that name a customer
 * instead of an account belong at the customer's city door; events of an account no city holds
 * are refused with the reason.
 */
@Injectable()
export class BillingEventRouter {
  constructor(
    private readonly routes: BillingAccountRoutes,
    private readonly outbox: OutboxWriter,
  ) {}

  async routeWithin(tx: EntityManager, reads: readonly ReadCloudEvent[]): Promise<RouteVerdict[]> {
    const verdicts = new Array<RouteVerdict>(reads.length);
    const bySource = new Map<string, number[]>();
    reads.forEach((read, i) => {
      if (read.event.billingAccount === null) {
        verdicts[i] = {
          status: 'rejected',
          reason:
            "billingAccount: the province's door routes by billing account; send events that name a customer to the customer's city",
        };
        return;
      }
      const positions = bySource.get(read.source);
      if (positions) positions.push(i);
      else bySource.set(read.source, [i]);
    });
    /** `city|bucket` → the events routed there, in door order. */
    const perKey = new Map<string, { city: string; events: RoutedBillingEvent[] }>();
    for (const [source, positions] of bySource) {
      const cities = await this.routes.route(
        tx,
        source,
        positions.map((i) => ({
          accountNumber: reads[i]!.event.billingAccount!,
          month: reads[i]!.kind.accountMonth(reads[i]!.event),
        })),
      );
      positions.forEach((i, j) => {
        const read = reads[i]!;
        const city = cities[j];
        if (city === undefined) {
          verdicts[i] = {
            status: 'rejected',
            reason: `billingAccount: ${read.event.billingAccount} of ${source} is held by no city of this province in ${read.kind.accountMonth(read.event)}`,
          };
          return;
        }
        verdicts[i] = { status: 'routed', cityCode: city };
        const key = `${city}|${bucketOf(source, read.event.billingAccount!)}`;
        const entry = perKey.get(key) ?? { city, events: [] };
        if (entry.events.length === 0) perKey.set(key, entry);
        entry.events.push(toRouted(read));
      });
    }
    const messages = [];
    for (const [key, { city, events }] of perKey) {
      for (let i = 0; i < events.length; i += MAX_ROUTED_PER_MESSAGE) {
        messages.push({
          schema: RoutedBillingEventsSchema,
          payload: create(RoutedBillingEventsSchema, { events: events.slice(i, i + MAX_ROUTED_PER_MESSAGE) }),
          target: city,
          key,
        });
      }
    }
    if (messages.length > 0) await this.outbox.writeMany(tx, messages);
    return verdicts;
  }
}

function toRouted(read: ReadCloudEvent): RoutedBillingEvent {
  return create(RoutedBillingEventSchema, {
    cloudEventJson: read.payload(),
    door: read.position.topic,
    partition: read.position.partition,
    offset: BigInt(read.position.offset),
    index: read.position.index,
  });
}

/** The account's bucket among its city's keys: FNV-1a of source and number, stable across nodes and releases. */
export function bucketOf(source: string, accountNumber: string): number {
  let hash = 0x811c9dc5;
  const text = `${source}\u0000${accountNumber}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % ROUTE_KEYS_PER_CITY;
}
