import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChunkHandler, ChunkOutcome } from '../kafka-door/chunk-handler';
import type { CloudEventRead, ReadCloudEvent } from '../kafka-door/read-cloud-events';
import { parkedOf } from '../kafka-door/usage-chunk.booker';
import { type ParkedEvent, ParkedEventsRepository } from '../parked/parked-events.repository';
import { BillingEventRouter } from './billing-event.router';

/**
 * The province's Kafka door: routes each chunk of its topic to the cities in one transaction and
 * parks what cannot be routed (unreadable, or an account no city of the province holds for the
 * month) in the same transaction, so the offset can be committed right after. A parked event is
 * routed again when its account reaches the province's read model, or by hand.
 */
@Injectable()
export class ProvinceChunkRouter implements ChunkHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly router: BillingEventRouter,
    private readonly parked: ParkedEventsRepository,
  ) {}

  handle(reads: readonly CloudEventRead[]): Promise<ChunkOutcome> {
    return this.dataSource.transaction((tx) => this.routeWithin(tx, reads));
  }

  parkAll(reads: readonly CloudEventRead[], reason: string): Promise<number> {
    return this.dataSource.transaction((tx) =>
      this.parked.park(
        tx,
        reads.map((r) => parkedOf(r, reason)),
      ),
    );
  }

  private async routeWithin(tx: EntityManager, reads: readonly CloudEventRead[]): Promise<ChunkOutcome> {
    const toPark: ParkedEvent[] = [];
    const readable: ReadCloudEvent[] = [];
    for (const read of reads) {
      if (read.ok) readable.push(read);
      else toPark.push(parkedOf(read, read.reason));
    }
    const verdicts = await this.router.routeWithin(tx, readable);
    let routed = 0;
    verdicts.forEach((v, i) => {
      if (v.status === 'routed') routed++;
      else toPark.push(parkedOf(readable[i]!, `data.${v.reason}`));
    });
    return { routed, parked: await this.parked.park(tx, toPark) };
  }
}
