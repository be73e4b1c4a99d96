import type { DataSource } from 'typeorm';
import { BillingPolicyReplicaStore } from './billing-policy-replica.store';
import type { BillingPolicyReplicaEntity } from './billing-policy-replica.entity';

/** A data source whose replica row the spec sets, counting the reads. */
function fakeDataSource() {
  const state: { row: Partial<BillingPolicyReplicaEntity> | null; reads: number } = { row: null, reads: 0 };
  const dataSource = {
    getRepository: () => ({
      findOneBy: () => {
        state.reads += 1;
        return Promise.resolve(state.row);
      },
    }),
  } as unknown as DataSource;
  return { state, dataSource };
}

const row = (version: number, fen: number): Partial<BillingPolicyReplicaEntity> => ({
  id: 1,
  version: String(version),
  highValueMinMonthlyFen: String(fen),
  churnDropPercent: 30,
  updatedAt: new Date('2026-05-01T00:00:00Z'),
});

describe('the replica policy store', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-05-10T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('serves the configured defaults until a version is stored, from memory', async () => {
    const { state, dataSource } = fakeDataSource();
    const store = new BillingPolicyReplicaStore(dataSource);
    expect(await store.view()).toEqual({
      version: '0',
      highValueMinMonthlyFen: '5000000',
      churnDropPercent: 30,
      updatedAt: null,
      source: 'defaults',
    });
    await store.current();
    expect(state.reads).toBe(1);
  });

  it('reads again once a newer version is expected, and keeps it', async () => {
    const { state, dataSource } = fakeDataSource();
    const store = new BillingPolicyReplicaStore(dataSource);
    state.row = row(1, 8_000_000);
    expect((await store.current()).highValueMinMonthlyFen).toBe(8_000_000n);
    state.row = row(2, 9_000_000);
    store.expect(2n);
    // A read right after the last one may still be the old copy; past the retry pause it is new.
    jest.setSystemTime(Date.now() + 250);
    expect(await store.current()).toEqual({
      version: 2n,
      highValueMinMonthlyFen: 9_000_000n,
      churnDropPercent: 30,
    });
    const reads = state.reads;
    await store.current();
    expect(state.reads).toBe(reads);
    // Other replicas of the node may have stored a version: a copy older than 30 s is read again.
    jest.setSystemTime(Date.now() + 30_001);
    await store.current();
    expect(state.reads).toBe(reads + 1);
  });
});
