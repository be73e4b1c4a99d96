import type { EntityManager } from 'typeorm';
import type { ReadCloudEvent } from '../kafka-door/read-cloud-events';
import type { ReplayedStatus } from './parked-usage-event.view';

/** What a replay of one readable parked event came to. */
export type ReplayOutcome = { status: ReplayedStatus } | { status: 'rejected'; reason: string };

/**
 * Takes a parked event in again, inside the replay's transaction: a city books it, a province
 * routes it to its city. The parked table, its resource and the replay rules are the same at both.
 */
export interface ParkedEventReplayer {
  replay(tx: EntityManager, read: ReadCloudEvent): Promise<ReplayOutcome>;
}

export const PARKED_EVENT_REPLAYER = Symbol('PARKED_EVENT_REPLAYER');
