import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReadCloudEvent } from '../kafka-door/read-cloud-events';
import type { ParkedEventReplayer, ReplayOutcome } from '../parked/parked-event-replayer';
import { BillingEventRouter } from './billing-event.router';

/** A province takes a parked event in again by routing it to its account's city. */
@Injectable()
export class RoutingReplayer implements ParkedEventReplayer {
  constructor(private readonly router: BillingEventRouter) {}

  async replay(tx: EntityManager, read: ReadCloudEvent): Promise<ReplayOutcome> {
    const [verdict] = await this.router.routeWithin(tx, [read]);
    return verdict!.status === 'routed'
      ? { status: 'routed' }
      : { status: 'rejected', reason: `data.${verdict!.reason}` };
  }
}
