import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type RoutedBillingEvent, RoutedBillingEventsSchema } from '@kaf/contracts';
import { FederatedHandlers } from '@kaf/federation';
import type { EntityManager } from 'typeorm';
import { type CloudEventRead, readCloudEvent } from '../kafka-door/read-cloud-events';
import { UsageChunkBooker } from '../kafka-door/usage-chunk.booker';
import { type DoorOutcome, UsageDoorMetrics } from '../kafka-door/usage-door.metrics';

/**
 * Books the events the province's door routed to this city, in the inbox transaction, by the
 * same rules as the city's own Kafka door: what cannot be booked (an account this city does not
 * hold for the month, say) is parked under the position the event had at the province's door,
 * and is booked when the account is opened here. A redelivered message is dropped by the inbox;
 * an event routed twice is a duplicate in the ledger.
 */
@Injectable()
export class RoutedEventsHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly booker: UsageChunkBooker,
    private readonly metrics: UsageDoorMetrics,
  ) {}

  onModuleInit(): void {
    this.handlers.on(RoutedBillingEventsSchema, 'parent', (batch, _message, tx) =>
      this.book(tx, batch.events),
    );
  }

  async book(tx: EntityManager, events: readonly RoutedBillingEvent[]): Promise<void> {
    const now = new Date();
    const reads = events.map((e) => readRouted(e, now));
    const outcome = await this.booker.bookWithin(tx, reads);
    for (const [kind, n] of Object.entries(outcome)) this.metrics.count(kind as DoorOutcome, n);
  }
}

function readRouted(event: RoutedBillingEvent, now: Date): CloudEventRead {
  const position = {
    topic: event.door,
    partition: event.partition,
    offset: event.offset.toString(),
    index: event.index,
  };
  const json = event.cloudEventJson;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return {
      ok: false,
      position,
      source: null,
      eventId: null,
      reason: `message: is not valid JSON (${(error as Error).message})`,
      payload: json,
    };
  }
  return readCloudEvent(raw, position, now, () => json);
}
