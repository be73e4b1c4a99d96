import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type OneStopPolicyPublished, OneStopPolicyPublishedSchema } from '@kaf/contracts';
import { TOPOLOGY, type Topology } from '@kaf/federation';
import { type InboundMessage, MessageHandlerRegistry, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { fromPublished } from './one-stop-policy.codec';
import { OneStopPolicyMetrics } from './one-stop-policy.metrics';
import { OneStopPolicyReplicaStore } from './one-stop-policy-replica.store';
import { canonicalPolicy, policyProblems } from './one-stop-policy.rules';

/**
 * Province and city: keeps the highest version of the one-stop policy the national node
 * publishes. Older, repeated and replayed versions change nothing.
 */
@Injectable()
export class OneStopPolicyPublishedHandler implements OnModuleInit {
  constructor(
    private readonly registry: MessageHandlerRegistry,
    private readonly store: OneStopPolicyReplicaStore,
    private readonly metrics: OneStopPolicyMetrics,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.registry.on(OneStopPolicyPublishedSchema, (policy, message, tx) => this.handle(policy, message, tx));
  }

  async handle(published: OneStopPolicyPublished, message: InboundMessage, tx: EntityManager): Promise<void> {
    if (this.topology.find(message.source)?.tier !== 'national') {
      throw new PermanentMessageError(
        `one-stop policy v${published.version} published by ${message.source}, not by the national node`,
      );
    }
    const policy = fromPublished(published, message.occurredAt);
    const provinces = new Set(
      this.topology
        .nodes()
        .filter((n) => n.tier === 'province')
        .map((n) => n.code),
    );
    const problems =
      policy.version < 1n ? [{ field: 'version', message: 'is below 1' }] : policyProblems(policy, provinces);
    if (problems.length > 0) {
      throw new PermanentMessageError(
        `published one-stop policy v${policy.version} is malformed: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
      );
    }
    const content = canonicalPolicy(policy);
    // Only a newer version replaces the row; the statement says whether it did.
    const stored = await tx.query<{ version: string }[]>(
      `INSERT INTO one_stop_policy_replica AS r
         (id, version, slas, transit_share_bp, overrides, updated_at, received_at)
       VALUES (1, $1, $2::jsonb, $3, $4::jsonb, $5, now())
       ON CONFLICT (id) DO UPDATE SET
         version = excluded.version, slas = excluded.slas, transit_share_bp = excluded.transit_share_bp,
         overrides = excluded.overrides, updated_at = excluded.updated_at, received_at = excluded.received_at
       WHERE excluded.version > r.version
       RETURNING version::text`,
      [
        policy.version.toString(),
        JSON.stringify(content.slas),
        content.transitShareBp,
        JSON.stringify(content.overrides),
        policy.updatedAt,
      ],
    );
    if (stored.length === 0) {
      this.metrics.received.inc({ outcome: 'stale' });
      return;
    }
    this.store.expect(policy.version);
    this.metrics.received.inc({ outcome: 'applied' });
  }
}
