import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UsageBooking } from '../ledger/usage-booking';
import { type ParkedEvent, ParkedEventsRepository } from '../parked/parked-events.repository';
import { type CloudEventRead, qualifyBookingReason, type ReadCloudEvent } from './read-cloud-events';

export interface ChunkOutcome {
  booked: number;
  duplicates: number;
  /** Parked by this delivery; a redelivery finds them parked already and counts none. */
  parked: number;
}

/**
 * Books a chunk of events read from the topic in one transaction: the bookable ones through the
 * booking core, source by source in topic order, and everything refused into the parked table,
 * so the offset can be committed right after and nothing is lost or counted twice.
 */
@Injectable()
export class UsageChunkBooker {
  constructor(
    private readonly dataSource: DataSource,
    private readonly booking: UsageBooking,
    private readonly parked: ParkedEventsRepository,
  ) {}

  book(topic: string, reads: readonly CloudEventRead[]): Promise<ChunkOutcome> {
    return this.dataSource.transaction((tx) => this.bookWithin(tx, topic, reads));
  }

  /** Parks every event of the chunk with one reason (a chunk the database refuses outright). */
  parkAll(topic: string, reads: readonly CloudEventRead[], reason: string): Promise<number> {
    return this.dataSource.transaction((tx) =>
      this.parked.park(
        tx,
        reads.map((r) => parkedOf(topic, r, reason)),
      ),
    );
  }

  private async bookWithin(
    tx: EntityManager,
    topic: string,
    reads: readonly CloudEventRead[],
  ): Promise<ChunkOutcome> {
    const toPark: ParkedEvent[] = [];
    const bySource = new Map<string, ReadCloudEvent[]>();
    for (const read of reads) {
      if (!read.ok) {
        toPark.push(parkedOf(topic, read, read.reason));
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
        events.map((e) => e.event),
      );
      // One verdict per event, in the events' order.
      verdicts.forEach((verdict, i) => {
        if (verdict.status === 'accepted') booked++;
        else if (verdict.status === 'duplicate') duplicates++;
        else toPark.push(parkedOf(topic, events[i]!, qualifyBookingReason(verdict.reason)));
      });
    }
    const parked = await this.parked.park(tx, toPark);
    return { booked, duplicates, parked };
  }
}

function parkedOf(topic: string, read: CloudEventRead, reason: string): ParkedEvent {
  return {
    topic,
    partition: read.position.partition,
    offset: read.position.offset,
    index: read.position.index,
    source: read.source,
    eventId: read.ok ? read.event.eventId : read.eventId,
    reason,
    payload: read.ok ? read.payload() : read.payload,
  };
}
