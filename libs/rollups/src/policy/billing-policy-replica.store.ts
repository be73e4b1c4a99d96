import { Injectable } from '@nestjs/common';
import { LatestVersionCache } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { BillingPolicyReplicaEntity } from './billing-policy-replica.entity';
import { type BillingPolicy, type BillingPolicyReader, defaultBillingPolicy } from './billing-policy.reader';
import { type BillingPolicyView, toBillingPolicyView } from './billing-policy.view';

interface Cached {
  policy: BillingPolicy;
  updatedAt: Date | null;
}

/**
 * Province and city: the policy in force, served from memory. The handler of publications calls
 * `expect(version)` in its transaction; the next read goes to the database until that version is
 * visible, so a reader never keeps an older policy after the change committed (`LatestVersionCache`).
 * Until the first publication arrives, the node's configured defaults apply.
 */
@Injectable()
export class BillingPolicyReplicaStore implements BillingPolicyReader {
  private readonly cache = new LatestVersionCache<Cached>(
    () => this.load(),
    (c) => c.policy.version,
  );

  constructor(private readonly dataSource: DataSource) {}

  async current(): Promise<BillingPolicy> {
    return (await this.cache.get()).policy;
  }

  async view(): Promise<BillingPolicyView> {
    const { policy, updatedAt } = await this.cache.get();
    return toBillingPolicyView(policy, updatedAt, policy.version > 0n ? 'published' : 'defaults');
  }

  /** A publication of `version` is being stored: stop trusting older copies. */
  expect(version: bigint): void {
    this.cache.expect(version);
  }

  private async load(): Promise<Cached> {
    const row = await this.dataSource.getRepository(BillingPolicyReplicaEntity).findOneBy({ id: 1 });
    return row
      ? {
          policy: {
            version: BigInt(row.version),
            highValueMinMonthlyFen: BigInt(row.highValueMinMonthlyFen),
            churnDropPercent: row.churnDropPercent,
          },
          updatedAt: row.updatedAt,
        }
      : { policy: defaultBillingPolicy(), updatedAt: null };
  }
}
