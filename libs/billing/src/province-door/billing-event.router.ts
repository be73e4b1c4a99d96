import { Injectable } from '@nestjs/common';
import { BillingAccountRoutes } from '@kaf/billing-accounts';
import { RoutedBillingEventSchema, RoutedBillingEventsSchema, type RoutedBillingEvent } from '@kaf/contracts';
import { create } from '@bufbuild/protobuf';
import { OutboxWriter } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import type { ReadCloudEvent } from '../kafka-door/read-cloud-events';

/** Events per routed message: a few hundred kilobytes, well inside the inbox topic's message size. */
export const MAX_ROUTED_PER_MESSAGE = 500;

/** Where one event went: to a city, or nowhere and why (naming the field). */
export type RouteVerdict = { status: 'routed'; cityCode: string } | { status: 'rejected'; reason: string };

/**
 * The province's door core: finds, for each event, the city that holds its billing account for
 * the event's month (from the province's read model of its cities' accounts) and writes the
 * routed events to those cities through the outbox, in the caller's transaction, batched per city
 * and keyed by the city so that one city's events keep their order. Events that name a customer
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
    const perCity = new Map<string, RoutedBillingEvent[]>();
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
        const list = perCity.get(city) ?? [];
        if (list.length === 0) perCity.set(city, list);
        list.push(toRouted(read));
      });
    }
    for (const [city, events] of perCity) {
      const messages = [];
      for (let i = 0; i < events.length; i += MAX_ROUTED_PER_MESSAGE) {
        messages.push({
          schema: RoutedBillingEventsSchema,
          payload: create(RoutedBillingEventsSchema, { events: events.slice(i, i + MAX_ROUTED_PER_MESSAGE) }),
          target: city,
          key: city,
        });
      }
      await this.outbox.writeMany(tx, messages);
    }
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
