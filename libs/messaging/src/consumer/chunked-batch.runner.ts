import type { ConsumedBatch, ConsumedMessage } from '../broker/broker-client';

/** A chunk's transaction failed because of the item at `index` (0 when it cannot be told). */
export class ChunkFailure extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** Why an item is parked: it was defective as read, or it kept failing. */
export type ParkCause =
  { kind: 'defect'; reason: string; attempts: 1 } | { kind: 'failed'; error: unknown; attempts: number };

/** What a consumer built on the runner supplies: its records, its transaction, its parking. */
export interface ChunkedBatchPolicy<Item> {
  /** Reads a record, once, when the runner first needs it. */
  read: (message: ConsumedMessage) => Item;
  /** Why the item can never be handled, so it is parked alone at once; undefined when it can. */
  defect?: (item: Item) => string | undefined;
  /** What the item counts against `maxChunkWeight` (1 when not given: chunks of that many records). */
  weight?: (item: Item) => number;
  /** Most weight handled in one transaction; a single heavier item still goes alone. */
  maxChunkWeight: number;
  /**
   * Handles the items in one database transaction, all or none. Throw a `ChunkFailure` to name
   * the item at fault (the ones before it are then handled without it); any other error is
   * pinned on no item and the chunk is gone through one item at a time.
   */
  handle: (items: readonly Item[]) => Promise<void>;
  /** Parks the item for good (dead letter, parked event), so the partition can move on. */
  park: (item: Item, cause: ParkCause) => Promise<void>;
  /** Errors that say nothing about the items: waited out in place, never an attempt. */
  isTransient: (error: unknown) => boolean;
  /** Lost races and deadlocks: tried again at once a few times, then waited out as transient. */
  isRace?: (error: unknown) => boolean;
  /** Failures no retry can mend: parked at the first attempt. */
  isPermanent?: (error: unknown) => boolean;
  /** Attempts an item failing on its own gets before it is parked (1: parked at once). */
  maxAttempts: number;
  /** Pause before an item's second attempt, doubling after each. */
  retryBackoffMs: number;
  /** True once the node is stopping: a waiting partition is let go rather than waited on. */
  stopping?: () => boolean;
  onTransient?: (error: unknown, backoffMs: number) => void;
  onFailedAttempt?: (item: Item, error: unknown, attempt: number) => void;
}

export interface ChunkedBatchTiming {
  /** First wait after a transient error; it doubles up to `maxPauseMs`. */
  transientBackoffMs: number;
  /** Longest single wait, for transient errors and retries alike. */
  maxPauseMs: number;
  /** A waiting partition heartbeats and checks it is still ours this often. */
  heartbeatMs: number;
  /** Races tried again at once before they count as transient. */
  immediateRaceRetries: number;
}

export const DEFAULT_CHUNKED_BATCH_TIMING: ChunkedBatchTiming = {
  transientBackoffMs: 200,
  maxPauseMs: 30_000,
  heartbeatMs: 1000,
  immediateRaceRetries: 3,
};

/** The partition was revoked or the node is stopping while the runner waited. */
class BatchAbandoned extends Error {}

/**
 * Takes a fetched batch of one partition through the database a chunk per transaction and
 * commits the offset after each transaction, never before: a crash in between redelivers the
 * chunk, and the user's dedupe makes the second pass change nothing. A failure that cannot be
 * pinned on one item is isolated item by item; an item that keeps failing is retried with
 * backoff and then parked, so no record blocks its partition. Transient errors are waited out in
 * place, uncommitted, until they pass or the partition is no longer ours.
 */
export class ChunkedBatchRunner<Item> {
  private readonly timing: ChunkedBatchTiming;

  constructor(
    private readonly policy: ChunkedBatchPolicy<Item>,
    timing: Partial<ChunkedBatchTiming> = {},
  ) {
    this.timing = { ...DEFAULT_CHUNKED_BATCH_TIMING, ...timing };
  }

  async run(batch: ConsumedBatch): Promise<void> {
    try {
      await this.consume(batch);
    } catch (error) {
      // Revoked or stopping mid-wait: what is uncommitted goes to the next owner as it stands.
      if (!(error instanceof BatchAbandoned)) throw error;
    }
  }

  private async consume(batch: ConsumedBatch): Promise<void> {
    const { messages } = batch;
    // Read lazily and let go once committed: a large fetch is never held read in full.
    const items: (Item | undefined)[] = new Array<Item | undefined>(messages.length);
    const at = (index: number): Item => (items[index] ??= this.policy.read(messages[index]!));
    const commit = async (from: number, to: number): Promise<void> => {
      await batch.commit(messages[to]!.offset);
      items.fill(undefined, from, to + 1);
    };
    let i = 0;
    // After a failure that cannot be pinned on one item, go one at a time up to here.
    let isolateUntil = 0;
    // After a failure pinned on an item, the items before it go on their own first.
    let limit = Infinity;
    while (i < messages.length && this.active(batch)) {
      const size = i < isolateUntil ? 1 : this.cut(at, i, messages.length, limit);
      const chunk = Array.from({ length: size }, (_, k) => at(i + k));
      const defectAt = chunk.findIndex((item) => this.policy.defect?.(item) !== undefined);
      if (defectAt === 0) {
        const reason = this.policy.defect!(chunk[0]!)!;
        await this.park(batch, chunk[0]!, { kind: 'defect', reason, attempts: 1 });
        await commit(i, i);
        i += 1;
        continue;
      }
      const clean = defectAt > 0 ? chunk.slice(0, defectAt) : chunk;
      const failure = await this.attempt(batch, clean);
      if (!failure) {
        await commit(i, i + clean.length - 1);
        i += clean.length;
        limit = Infinity;
        continue;
      }
      // An index outside the chunk names nothing: treated as unpinned, it cannot loop.
      if (failure.index > 0 && failure.index < clean.length) {
        limit = failure.index;
        continue;
      }
      if (clean.length > 1) {
        isolateUntil = i + clean.length;
        continue;
      }
      await this.retryOrPark(batch, clean[0]!, failure.cause);
      await commit(i, i);
      i += 1;
      limit = Infinity;
    }
  }

  /** Items from `from` while they fit the chunk's weight; always at least one. */
  private cut(at: (index: number) => Item, from: number, end: number, limit: number): number {
    const max = this.policy.maxChunkWeight;
    let n = 0;
    let weight = 0;
    while (from + n < end && n < limit && (n === 0 || weight < max)) {
      const next = this.policy.weight?.(at(from + n)) ?? 1;
      if (n > 0 && weight + next > max) break;
      weight += next;
      n += 1;
    }
    return n;
  }

  /** One transaction for the items, transient errors waited out; the failure, if any. */
  private async attempt(batch: ConsumedBatch, items: readonly Item[]): Promise<ChunkFailure | undefined> {
    try {
      await this.throughOutages(batch, () => this.policy.handle(items));
      return undefined;
    } catch (error) {
      if (error instanceof BatchAbandoned) throw error;
      return error instanceof ChunkFailure ? error : new ChunkFailure(0, error);
    }
  }

  private async retryOrPark(batch: ConsumedBatch, item: Item, firstError: unknown): Promise<void> {
    let error = firstError;
    let attempts = 1;
    this.policy.onFailedAttempt?.(item, error, attempts);
    while (!this.policy.isPermanent?.(error) && attempts < this.policy.maxAttempts) {
      await this.pause(batch, this.policy.retryBackoffMs * 2 ** (attempts - 1));
      const failure = await this.attempt(batch, [item]);
      if (!failure) return;
      error = failure.cause;
      attempts += 1;
      this.policy.onFailedAttempt?.(item, error, attempts);
    }
    await this.park(batch, item, { kind: 'failed', error, attempts });
  }

  private park(batch: ConsumedBatch, item: Item, cause: ParkCause): Promise<void> {
    return this.throughOutages(batch, () => this.policy.park(item, cause));
  }

  /**
   * Runs `work` until it succeeds or fails for a reason of its own. Races go again at once, then
   * count as transient; transient errors are waited out with doubling pauses and never committed
   * past, so what was not written is fetched from this partition again by whoever owns it.
   */
  private async throughOutages<T>(batch: ConsumedBatch, work: () => Promise<T>): Promise<T> {
    let races = 0;
    let backoff = this.timing.transientBackoffMs;
    for (;;) {
      try {
        return await work();
      } catch (error) {
        const cause = error instanceof ChunkFailure ? error.cause : error;
        const race = this.policy.isRace?.(cause) ?? false;
        if (race && races++ < this.timing.immediateRaceRetries) continue;
        if (!race && !this.policy.isTransient(cause)) throw error;
        this.policy.onTransient?.(cause, backoff);
        await this.pause(batch, backoff);
        backoff = Math.min(backoff * 2, this.timing.maxPauseMs);
      }
    }
  }

  /** Waits with heartbeats, so the group keeps the partition here; gives up once it is not ours. */
  private async pause(batch: ConsumedBatch, ms: number): Promise<void> {
    const until = Date.now() + Math.min(ms, this.timing.maxPauseMs);
    while (Date.now() < until) {
      if (!this.active(batch)) throw new BatchAbandoned();
      await new Promise((r) => setTimeout(r, Math.min(this.timing.heartbeatMs, until - Date.now())));
      // A failed heartbeat shows up as an inactive batch at the next check.
      await batch.heartbeat().catch(() => undefined);
    }
    if (!this.active(batch)) throw new BatchAbandoned();
  }

  private active(batch: ConsumedBatch): boolean {
    return !(this.policy.stopping?.() ?? false) && batch.isActive();
  }
}
