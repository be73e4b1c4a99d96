import { Injectable } from '@nestjs/common';
import { LatestVersionCache } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { policyOfRow } from './one-stop-policy.codec';
import { OneStopPolicyReplicaEntity } from './one-stop-policy-replica.entity';
import { defaultOneStopPolicy, type OneStopPolicy, type OneStopPolicyReader } from './one-stop-policy.reader';
import { type OneStopPolicyView, toOneStopPolicyView } from './one-stop-policy.view';

/**
 * Province and city: the policy in force, served from memory. The publication handler calls
 * `expect(version)` in its transaction; reads go back to the database until that version is
 * visible, so no reader keeps an older policy once a newer one is stored here. Until the first
 * publication arrives, the node's configured defaults apply.
 */
@Injectable()
export class OneStopPolicyReplicaStore implements OneStopPolicyReader {
  private readonly cache = new LatestVersionCache<OneStopPolicy>(
    async () => {
      const row = await this.dataSource.getRepository(OneStopPolicyReplicaEntity).findOneBy({ id: 1 });
      return row ? policyOfRow(row) : defaultOneStopPolicy();
    },
    (p) => p.version,
  );

  constructor(private readonly dataSource: DataSource) {}

  current(): Promise<OneStopPolicy> {
    return this.cache.get();
  }

  async view(): Promise<OneStopPolicyView> {
    const policy = await this.cache.get();
    return toOneStopPolicyView(policy, policy.version > 0n ? 'published' : 'defaults');
  }

  /** A publication of `version` is being stored: stop trusting older copies. */
  expect(version: bigint): void {
    this.cache.expect(version);
  }
}
