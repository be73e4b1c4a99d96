import { Injectable } from '@nestjs/common';
import { BillingAccountRoutes, lockAccountKeys } from '@kaf/billing-accounts';
import { RoutedBillingEventSchema, RoutedBillingEventsSchema, type RoutedBillingEvent } from '@kaf/contracts';
import { create } from '@bufbuild/protobuf';
import { OutboxWriter } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import type { ReadCloudEvent } from '../kafka-door/read-cloud-events';

/** Events per routed message: about 100 KB, so that an event waits behind little at its city. */
export const MAX_ROUTED_PER_MESSAGE = 250;

/**
 * Most bytes of events in one routed message: far below the inbox topic's 1 MB per message even
 * when billing systems send large events (the province's topic takes messages of up to 8 MB).
 */
export const MAX_ROUTED_BYTES = 512 * 1024;

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
      const refs = (at: readonly number[]) =>
        at.map((i) => ({
          accountNumber: reads[i]!.event.billingAccount!,
          month: reads[i]!.kind.accountMonth(reads[i]!.event),
        }));
      const cities = await this.routes.route(tx, source, refs(positions));
      // Positions in `positions` of the events no city was found for.
      const missedAt = positions.flatMap((_, j) => (cities[j] === undefined ? [j] : []));
      const missed = missedAt.map((j) => positions[j]!);
      if (missed.length > 0) {
        // A city's snapshot bringing the account may be applied right now: wait for it, look again
        // (lockAccountKeys), so that what is refused or parked here is found by its replay.
        await lockAccountKeys(
          tx,
          missed.map((i) => ({ source, accountNumber: reads[i]!.event.billingAccount! })),
          'shared',
        );
        const again = await this.routes.route(tx, source, refs(missed));
        missedAt.forEach((j, k) => (cities[j] = again[k]));
      }
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
      for (const slice of routedSlices(events)) {
        messages.push({
          schema: RoutedBillingEventsSchema,
          payload: create(RoutedBillingEventsSchema, { events: slice }),
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

/** `events` cut, in order, into messages of at most MAX_ROUTED_PER_MESSAGE events and MAX_ROUTED_BYTES. */
export function routedSlices(events: readonly RoutedBillingEvent[]): RoutedBillingEvent[][] {
  const slices: RoutedBillingEvent[][] = [];
  let current: RoutedBillingEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = event.cloudEventJson.length + event.door.length + 32;
    if (current.length > 0 && (current.length >= MAX_ROUTED_PER_MESSAGE || bytes + size > MAX_ROUTED_BYTES)) {
      slices.push(current);
      current = [];
      bytes = 0;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) slices.push(current);
  return slices;
}
