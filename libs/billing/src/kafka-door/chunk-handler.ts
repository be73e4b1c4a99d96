import type { DoorOutcome } from './usage-door.metrics';
import type { CloudEventRead } from './read-cloud-events';

/** How many events of a chunk came to each outcome. */
export type ChunkOutcome = Partial<Record<DoorOutcome, number>>;

/**
 * What a billing Kafka door does with a chunk of events, in one transaction after which the
 * offset is committed: a city books them, a province routes them to their cities. Whatever it
 * cannot take in, it parks in the same transaction.
 */
export interface ChunkHandler {
  handle(reads: readonly CloudEventRead[]): Promise<ChunkOutcome>;
  /** Parks every event of the chunk with one reason (a chunk the database refuses outright). */
  parkAll(reads: readonly CloudEventRead[], reason: string): Promise<number>;
}

export const CHUNK_HANDLER = Symbol('CHUNK_HANDLER');
