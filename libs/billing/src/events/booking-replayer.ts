import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { qualifyBookingReason, type ReadCloudEvent } from '../kafka-door/read-cloud-events';
import type { ParkedEventReplayer, ReplayOutcome } from '../parked/parked-event-replayer';
import { BillingEventBooking } from './billing-event-booking';

/** A city takes a parked event in again by booking it, as its doors do. */
@Injectable()
export class BookingReplayer implements ParkedEventReplayer {
  constructor(private readonly booking: BillingEventBooking) {}

  async replay(tx: EntityManager, read: ReadCloudEvent): Promise<ReplayOutcome> {
    const [verdict] = await this.booking.bookWithin(tx, read.source, [
      { kind: read.kind, event: read.event },
    ]);
    if (verdict!.status === 'rejected')
      return { status: 'rejected', reason: qualifyBookingReason(verdict!.reason) };
    return { status: verdict!.status };
  }
}
