import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type BillingPolicyPublished, BillingPolicyPublishedSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { type InboundMessage, MessageHandlerRegistry, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { UsageSliceMarker } from '../slices/usage-slice.marker';
import { BillingPolicyReplicaStore } from './billing-policy-replica.store';
import { type BillingPolicy, defaultBillingPolicy } from './billing-policy.reader';
import { changesValueClasses, policyProblem } from './billing-policy.rules';

/**
 * Province and city: keeps the highest version of the policy the national node publishes. At a
 * province a new high-value threshold re-derives every slice, so all are marked dirty in the same
 * transaction as the new policy.
 */
@Injectable()
export class BillingPolicyPublishedHandler implements OnModuleInit {
  private readonly logger = new Logger(BillingPolicyPublishedHandler.name);

  constructor(
    private readonly registry: MessageHandlerRegistry,
    private readonly store: BillingPolicyReplicaStore,
    private readonly slices: UsageSliceMarker,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.registry.on(BillingPolicyPublishedSchema, (policy, message, tx) => this.handle(policy, message, tx));
  }

  async handle(published: BillingPolicyPublished, message: InboundMessage, tx: EntityManager): Promise<void> {
    if (this.topology.find(message.source)?.tier !== 'national') {
      throw new PermanentMessageError(
        `billing policy v${published.version} published by ${message.source}, not by the national node`,
      );
    }
    const policy: BillingPolicy = {
      version: published.version,
      highValueMinMonthlyFen: published.highValueMinMonthlyFen,
      churnDropPercent: published.churnDropPercent,
    };
    const problem = policy.version < 1n ? `version ${policy.version} is below 1` : policyProblem(policy);
    if (problem) throw new PermanentMessageError(`published billing policy is malformed: ${problem}`);

    // The row as it was, locked, so that the comparison below and the upsert see the same state.
    const [before] = await tx.query<{ version: string; fen: string; percent: number }[]>(
      `SELECT version::text, high_value_min_monthly_fen::text AS fen, churn_drop_percent AS percent
         FROM billing_policy_replica WHERE id = 1 FOR UPDATE`,
    );
    if (before && BigInt(before.version) >= policy.version) return;
    await tx.query(
      `INSERT INTO billing_policy_replica AS r
         (id, version, high_value_min_monthly_fen, churn_drop_percent, updated_at, received_at)
       VALUES (1, $1, $2, $3, $4, now())
       ON CONFLICT (id) DO UPDATE SET
         version = excluded.version, high_value_min_monthly_fen = excluded.high_value_min_monthly_fen,
         churn_drop_percent = excluded.churn_drop_percent, updated_at = excluded.updated_at,
         received_at = excluded.received_at
       WHERE excluded.version > r.version`,
      [
        policy.version.toString(),
        policy.highValueMinMonthlyFen.toString(),
        policy.churnDropPercent,
        published.updatedAt ? timestampDate(published.updatedAt) : message.occurredAt,
      ],
    );
    this.store.expect(policy.version);
    const previous: BillingPolicy = before
      ? {
          version: BigInt(before.version),
          highValueMinMonthlyFen: BigInt(before.fen),
          churnDropPercent: before.percent,
        }
      : defaultBillingPolicy();
    if (this.identity.tier === 'province' && changesValueClasses(previous, policy)) {
      const marked = await this.slices.markAllDirty(tx);
      this.logger.log({
        msg: 'high-value threshold changed: every slice marked dirty',
        version: policy.version.toString(),
        marked,
      });
    }
  }
}
