import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { BillingPolicyPublishedSchema } from '@kaf/contracts';
import { TOPOLOGY, type Topology } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import type { BillingPolicyEntity } from './billing-policy.entity';

/** Aggregate key: one policy, so every publication to a node keeps its order. */
const POLICY_KEY = 'billing-policy';

/**
 * Publishes a policy version through the outbox in the caller's transaction: every province and
 * city keeps a replica, since both derive value classes and signals from it.
 */
@Injectable()
export class BillingPolicyPublisher {
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
    policy: BillingPolicyEntity,
    targets: readonly string[] = this.receivers(),
  ): Promise<void> {
    const payload = create(BillingPolicyPublishedSchema, {
      version: BigInt(policy.version),
      highValueMinMonthlyFen: BigInt(policy.highValueMinMonthlyFen),
      churnDropPercent: policy.churnDropPercent,
      updatedAt: timestampFromDate(policy.updatedAt),
    });
    await this.outbox.writeMany(
      tx,
      targets.map((target) => ({ schema: BillingPolicyPublishedSchema, payload, target, key: POLICY_KEY })),
    );
  }
}
