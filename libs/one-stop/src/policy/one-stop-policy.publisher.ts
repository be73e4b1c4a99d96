import { Inject, Injectable } from '@nestjs/common';
import { OneStopPolicyPublishedSchema } from '@kaf/contracts';
import { TOPOLOGY, type Topology } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { toPublished } from './one-stop-policy.codec';
import type { OneStopPolicy } from './one-stop-policy.reader';

/** Aggregate key: one policy, so every publication to a node keeps its order. */
const POLICY_KEY = 'one-stop-policy';

/**
 * National: publishes a policy version through the outbox in the caller's transaction. Every
 * province and city keeps a replica: home cities time segments by it, provinces coordinate by it.
 */
@Injectable()
export class OneStopPolicyPublisher {
  constructor(
    private readonly outbox: OutboxWriter,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  /** Every province and city of the federation. */
  receivers(): string[] {
    return this.topology
      .nodes()
      .filter((n) => n.tier !== 'national')
      .map((n) => n.code);
  }

  /** One outbox INSERT for all receivers. */
  async publish(
    tx: EntityManager,
    policy: OneStopPolicy,
    targets: readonly string[] = this.receivers(),
  ): Promise<void> {
    const payload = toPublished(policy);
    await this.outbox.writeMany(
      tx,
      targets.map((target) => ({ schema: OneStopPolicyPublishedSchema, payload, target, key: POLICY_KEY })),
    );
  }
}
