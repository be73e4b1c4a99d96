import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BillingPolicyReplicaEntity } from './billing-policy-replica.entity';
import { type BillingPolicy, type BillingPolicyReader, defaultBillingPolicy } from './billing-policy.reader';
import { type BillingPolicyView, toBillingPolicyView } from './billing-policy.view';

/** A cached copy is trusted this long even without a change seen here (other replicas of the node). */
const MAX_AGE_MS = 30_000;
/** While a change is awaited but not yet visible (its transaction not committed), re-read at most this often. */
const RETRY_MS = 200;

interface Cached {
  policy: BillingPolicy;
  updatedAt: Date | null;
  loadedAt: number;
}

/**
 * Province and city: the policy in force, served from memory. The handler of publications calls
 * `expect(version)` in its transaction; the next read goes to the database until that version is
 * visible, so a reader never keeps an older policy after the change committed. Until the first
 * publication arrives, the node's configured defaults apply.
 */
@Injectable()
export class BillingPolicyReplicaStore implements BillingPolicyReader {
  private cached: Cached | undefined;
  private awaited = 0n;
  private awaitedAt = 0;
  private loading: Promise<Cached> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  async current(): Promise<BillingPolicy> {
    return (await this.read()).policy;
  }

  async view(): Promise<BillingPolicyView> {
    const { policy, updatedAt } = await this.read();
    return toBillingPolicyView(policy, updatedAt, policy.version > 0n ? 'published' : 'defaults');
  }

  /** A publication of `version` is being stored: stop trusting older copies. */
  expect(version: bigint): void {
    if (version > this.awaited) {
      this.awaited = version;
      this.awaitedAt = Date.now();
    }
  }

  private async read(): Promise<Cached> {
    const now = Date.now();
    const cached = this.cached;
    if (cached && now - cached.loadedAt < MAX_AGE_MS) {
      const stale = cached.policy.version < this.awaited;
      if (!stale || now - cached.loadedAt < RETRY_MS) return cached;
    }
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<Cached> {
    const row = await this.dataSource.getRepository(BillingPolicyReplicaEntity).findOneBy({ id: 1 });
    const loaded: Cached = row
      ? {
          policy: {
            version: BigInt(row.version),
            highValueMinMonthlyFen: BigInt(row.highValueMinMonthlyFen),
            churnDropPercent: row.churnDropPercent,
          },
          updatedAt: row.updatedAt,
          loadedAt: Date.now(),
        }
      : { policy: defaultBillingPolicy(), updatedAt: null, loadedAt: Date.now() };
    // A publication that never committed (rolled back, dead-lettered) must not keep readers waiting.
    if (loaded.policy.version >= this.awaited || Date.now() - this.awaitedAt > MAX_AGE_MS) this.awaited = 0n;
    this.cached = loaded;
    return loaded;
  }
}
