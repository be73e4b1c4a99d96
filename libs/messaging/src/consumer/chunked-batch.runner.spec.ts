import type { ConsumedBatch, ConsumedMessage } from '../broker/broker-client';
import { ChunkFailure, ChunkedBatchRunner, type ChunkedBatchPolicy } from './chunked-batch.runner';

/** A record as the test writes it: how heavy it is and how its handling goes. */
interface Spec {
  weight?: number;
  defect?: string;
  /** Handling fails this many times, pinned on it (a ChunkFailure naming it) or not. */
  fails?: number;
  pinned?: boolean;
  permanent?: boolean;
}

interface Item {
  n: number;
  spec: Spec;
}

const TRANSIENT = Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
const RACE = new Error('lost race');
const ALWAYS = 99;
const FAST = { transientBackoffMs: 1, maxPauseMs: 5, heartbeatMs: 1 };

function fakeBatch(specs: readonly Spec[], log: string[]) {
  let active = true;
  const messages: ConsumedMessage[] = specs.map((spec, n) => ({
    topic: 't',
    partition: 0,
    offset: String(100 + n),
    key: null,
    value: Buffer.from(JSON.stringify(spec)),
    headers: {},
  }));
  const batch: ConsumedBatch = {
    topic: 't',
    partition: 0,
    messages,
    commit: (offset) => {
      log.push(`commit ${Number(offset) - 100}`);
      return Promise.resolve();
    },
    heartbeat: () => Promise.resolve(),
    isActive: () => active,
  };
  return { batch, revoke: () => (active = false) };
}

/** A policy over the fake records that logs every step, in the order the runner takes them. */
function policy(log: string[], overrides: Partial<ChunkedBatchPolicy<Item>> = {}) {
  const failures = new Map<number, number>();
  const reads: number[] = [];
  const p: ChunkedBatchPolicy<Item> = {
    read: (m) => {
      const n = Number(m.offset) - 100;
      reads.push(n);
      return { n, spec: JSON.parse(m.value!.toString()) as Spec };
    },
    defect: (item) => item.spec.defect,
    weight: (item) => item.spec.weight ?? 1,
    maxChunkWeight: 10,
    handle: async (items) => {
      log.push(`handle ${items.map((i) => i.n).join(',')}`);
      await new Promise((r) => setTimeout(r, 1));
      const at = items.findIndex((i) => (failures.get(i.n) ?? 0) < (i.spec.fails ?? 0));
      if (at >= 0) {
        const { n, spec } = items[at]!;
        failures.set(n, (failures.get(n) ?? 0) + 1);
        const error = spec.permanent
          ? Object.assign(new Error(`permanent ${n}`), { permanent: true })
          : new Error(`bad ${n}`);
        throw spec.pinned ? new ChunkFailure(at, error) : error;
      }
      log.push(`done ${items.map((i) => i.n).join(',')}`);
    },
    park: (item, cause) => {
      log.push(
        cause.kind === 'defect'
          ? `park ${item.n} defect ${cause.reason}`
          : `park ${item.n} after ${cause.attempts}: ${(cause.error as Error).message}`,
      );
      return Promise.resolve();
    },
    isTransient: (error) => error === TRANSIENT,
    isRace: (error) => error === RACE,
    isPermanent: (error) => (error as { permanent?: boolean }).permanent === true,
    maxAttempts: 3,
    retryBackoffMs: 1,
    onTransient: () => log.push('transient'),
    onFailedAttempt: (item, _error, attempt) => log.push(`failed ${item.n} #${attempt}`),
    ...overrides,
  };
  return { policy: p, reads };
}

describe('ChunkedBatchRunner', () => {
  it('cuts whole items by weight and commits each chunk only after its transaction', async () => {
    const log: string[] = [];
    const { batch } = fakeBatch(
      [{ weight: 2 }, { weight: 2 }, { weight: 2 }, { weight: 5 }, { weight: 1 }],
      log,
    );
    const { policy: p, reads } = policy(log, { maxChunkWeight: 4 });
    await new ChunkedBatchRunner(p, FAST).run(batch);
    expect(log).toEqual([
      'handle 0,1',
      'done 0,1',
      'commit 1',
      'handle 2',
      'done 2',
      'commit 2',
      // Heavier than a chunk: it goes alone rather than never.
      'handle 3',
      'done 3',
      'commit 3',
      'handle 4',
      'done 4',
      'commit 4',
    ]);
    expect(reads).toEqual([0, 1, 2, 3, 4]);
  });

  it('parks a defective item alone at once, handling those before and after it as usual', async () => {
    const log: string[] = [];
    const { batch } = fakeBatch([{}, {}, { defect: 'no value' }, {}], log);
    await new ChunkedBatchRunner(policy(log).policy, FAST).run(batch);
    expect(log).toEqual([
      'handle 0,1',
      'done 0,1',
      'commit 1',
      'park 2 defect no value',
      'commit 2',
      'handle 3',
      'done 3',
      'commit 3',
    ]);
  });

  it('commits the items before a pinned failure, retries the failing one with backoff, then parks it', async () => {
    const log: string[] = [];
    const { batch } = fakeBatch([{}, {}, { fails: ALWAYS, pinned: true }, {}, {}], log);
    await new ChunkedBatchRunner(policy(log).policy, FAST).run(batch);
    expect(log).toEqual([
      'handle 0,1,2,3,4',
      'handle 0,1',
      'done 0,1',
      'commit 1',
      'handle 2,3,4',
      'handle 2',
      'failed 2 #1',
      'handle 2',
      'failed 2 #2',
      'handle 2',
      'failed 2 #3',
      'park 2 after 3: bad 2',
      'commit 2',
      'handle 3',
      'done 3',
      'commit 3',
      'handle 4',
      'done 4',
      'commit 4',
    ]);
  });

  it('isolates an unpinned failure item by item up to the end of the chunk, then chunks again', async () => {
    const log: string[] = [];
    const { batch } = fakeBatch([{}, { fails: ALWAYS }, {}, {}, {}, {}], log);
    const { policy: p } = policy(log, { maxChunkWeight: 3, maxAttempts: 1 });
    await new ChunkedBatchRunner(p, FAST).run(batch);
    expect(log).toEqual([
      'handle 0,1,2',
      'handle 0',
      'done 0',
      'commit 0',
      'handle 1',
      'failed 1 #1',
      'park 1 after 1: bad 1',
      'commit 1',
      'handle 2',
      'done 2',
      'commit 2',
      'handle 3,4,5',
      'done 3,4,5',
      'commit 5',
    ]);
  });

  it('treats a failure naming an index outside the chunk as pinned on no item', async () => {
    const log: string[] = [];
    const { batch } = fakeBatch([{}, { fails: 1 }], log);
    const { policy: p } = policy(log);
    const handle = p.handle;
    p.handle = (items) =>
      handle(items).catch((error: unknown) => {
        throw new ChunkFailure(7, error);
      });
    await new ChunkedBatchRunner(p, FAST).run(batch);
    expect(log).toEqual(['handle 0,1', 'handle 0', 'done 0', 'commit 0', 'handle 1', 'done 1', 'commit 1']);
  });

  it('handles an item that fails fewer times than its attempts, and parks a permanent failure at once', async () => {
    const log: string[] = [];
    const { batch } = fakeBatch([{ fails: 2 }, { fails: ALWAYS, permanent: true }], log);
    const { policy: p } = policy(log, { maxChunkWeight: 1 });
    await new ChunkedBatchRunner(p, FAST).run(batch);
    expect(log).toEqual([
      'handle 0',
      'failed 0 #1',
      'handle 0',
      'failed 0 #2',
      'handle 0',
      'done 0',
      'commit 0',
      'handle 1',
      'failed 1 #1',
      'park 1 after 1: permanent 1',
      'commit 1',
    ]);
  });

  it('waits out transient errors in place, uncommitted and counting no attempt; races go again at once first', async () => {
    const log: string[] = [];
    const { batch } = fakeBatch([{}, {}], log);
    const thrown = [TRANSIENT, TRANSIENT, RACE, RACE, RACE, RACE];
    const { policy: p } = policy(log);
    const handle = p.handle;
    p.handle = async (items) => {
      const error = thrown.shift();
      if (error) {
        log.push('rolled back');
        throw error;
      }
      await handle(items);
    };
    await new ChunkedBatchRunner(p, FAST).run(batch);
    expect(log).toEqual([
      'rolled back',
      'transient',
      'rolled back',
      'transient',
      // Three races are tried again at once; the fourth is waited out like a transient error.
      'rolled back',
      'rolled back',
      'rolled back',
      'rolled back',
      'transient',
      'handle 0,1',
      'done 0,1',
      'commit 1',
    ]);
  });

  it('abandons the batch, uncommitted and unparked, when the partition is revoked during a retry', async () => {
    const log: string[] = [];
    const { batch, revoke } = fakeBatch([{}, { fails: ALWAYS }, {}], log);
    const { policy: p } = policy(log, { maxChunkWeight: 1, retryBackoffMs: 50 });
    const failed = p.onFailedAttempt!;
    p.onFailedAttempt = (item, error, attempt) => {
      failed(item, error, attempt);
      revoke();
    };
    await expect(new ChunkedBatchRunner(p, FAST).run(batch)).resolves.toBeUndefined();
    expect(log).toEqual(['handle 0', 'done 0', 'commit 0', 'handle 1', 'failed 1 #1']);
  });

  it('lets go of a partition waiting out an outage once the node is stopping', async () => {
    const log: string[] = [];
    const { batch } = fakeBatch([{}], log);
    let stopping = false;
    const { policy: p } = policy(log, {
      handle: () => Promise.reject(TRANSIENT),
      stopping: () => stopping,
      onTransient: () => {
        log.push('transient');
        stopping = true;
      },
    });
    await new ChunkedBatchRunner(p, { ...FAST, transientBackoffMs: 5 }).run(batch);
    expect(log).toEqual(['transient']);
  });

  it('retries parking through a transient error and commits only once it is parked', async () => {
    const log: string[] = [];
    const { batch } = fakeBatch([{ defect: 'bad' }], log);
    const { policy: p } = policy(log);
    const park = p.park;
    let parkFailures = 1;
    p.park = (item, cause) => (parkFailures-- > 0 ? Promise.reject(TRANSIENT) : park(item, cause));
    await new ChunkedBatchRunner(p, FAST).run(batch);
    expect(log).toEqual(['transient', 'park 0 defect bad', 'commit 0']);
  });

  it('commits nothing past an item it could not park, and says why', async () => {
    const log: string[] = [];
    const { batch } = fakeBatch([{}, { defect: 'bad' }, {}], log);
    const { policy: p } = policy(log, { park: () => Promise.reject(new Error('table missing')) });
    await expect(new ChunkedBatchRunner(p, FAST).run(batch)).rejects.toThrow('table missing');
    expect(log).toEqual(['handle 0', 'done 0', 'commit 0']);
  });
});
