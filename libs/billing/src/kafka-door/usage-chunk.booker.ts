import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { BillingEventBooking } from '../events/billing-event-booking';
import type { ChunkHandler, ChunkOutcome } from './chunk-handler';
import { type ParkedEvent, ParkedEventsRepository } from '../parked/parked-events.repository';
import { type CloudEventRead, qualifyBookingReason, type ReadCloudEvent } from './read-cloud-events';

/**
 * Books a chunk of events read from the topic in one transaction: the bookable ones through the
 * booking core, source by source in topic order, and everything refused into the parked table,
 * so the offset can be committed right after and nothing is lost or counted twice.
 */
@Injectable()
export class UsageChunkBooker implements ChunkHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly booking: BillingEventBooking,
    private readonly parked: ParkedEventsRepository,
  ) {}

  handle(reads: readonly CloudEventRead[]): Promise<ChunkOutcome> {
    return this.dataSource.transaction((tx) => this.bookWithin(tx, reads));
  }

  /** Parks every event of the chunk with one reason (a chunk the database refuses outright). */
  parkAll(reads: readonly CloudEventRead[], reason: string): Promise<number> {
    return this.dataSource.transaction((tx) =>
      this.parked.park(
        tx,
        reads.map((r) => parkedOf(r, reason)),
      ),
    );
  }

  /** Books `reads` inside `tx` (a chunk of the topic, or a message routed from the province). */
  async bookWithin(tx: EntityManager, reads: readonly CloudEventRead[]): Promise<ChunkOutcome> {
    const toPark: ParkedEvent[] = [];
    const bySource = new Map<string, ReadCloudEvent[]>();
    for (const read of reads) {
      if (!read.ok) {
        toPark.push(parkedOf(read, read.reason));
        continue;
      }
      const list = bySource.get(read.source);
      if (list) list.push(read);
      else bySource.set(read.source, [read]);
    }
    let booked = 0;
    let duplicates = 0;
    for (const [source, events] of bySource) {
      const verdicts = await this.booking.bookWithin(
        tx,
        source,
        events.map((e) => ({ kind: e.kind, event: e.event })),
      );
      // One verdict per event, in the events' order.
      verdicts.forEach((verdict, i) => {
        if (verdict.status === 'accepted') booked++;
        else if (verdict.status === 'duplicate') duplicates++;
        else toPark.push(parkedOf(events[i]!, qualifyBookingReason(verdict.reason)));
      });
    }
    const parked = await this.parked.park(tx, toPark);
    // Parked counts only what this delivery parked; a redelivery finds them parked already.
    return { booked, duplicate: duplicates, parked };
  }
}

export function parkedOf(read: CloudEventRead, reason: string): ParkedEvent {
  return {
    topic: read.position.topic,
    partition: read.position.partition,
    offset: read.position.offset,
    index: read.position.index,
    source: read.source,
    eventId: read.ok ? read.event.eventId : read.eventId,
    billingAccount: read.ok ? read.event.billingAccount : null,
    reason,
    payload: read.ok ? read.payload() : read.payload,
  };
}
