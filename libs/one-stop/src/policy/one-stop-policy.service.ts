import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { DocumentPublisher } from '@kaf/documents';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { FieldValidationException, LatestVersionCache, ForbiddenError } from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { policyOfRow, toPublished } from './one-stop-policy.codec';
import { ONE_STOP_POLICY_DOCUMENT } from './one-stop-policy.document';
import { OneStopPolicyEntity } from './one-stop-policy.entity';
import {
  defaultOneStopPolicy,
  ONE_STOP_POLICY_DEFAULTS,
  type OneStopPolicy,
  type OneStopPolicyDefaults,
  type OneStopPolicyReader,
} from './one-stop-policy.reader';
import {
  canonicalPolicy,
  type OneStopPolicyContent,
  policyProblems,
  samePolicy,
} from './one-stop-policy.rules';
import { type OneStopPolicyView, toOneStopPolicyView } from './one-stop-policy.view';
import type { PutOneStopPolicyDto } from './put-one-stop-policy.dto';

/** Serialises policy writers, so versions are consecutive and each publication is the newest. */
const POLICY_LOCK = 0x6b616621;

/**
 * National: the one-stop policy HQ sets. Every change is a new version, audited and published to
 * every province and city in the same transaction. It is also the national node's
 * `ONE_STOP_POLICY_READER`, served from memory and re-read once a new version is stored.
 */
@Injectable()
export class OneStopPolicyService implements OneStopPolicyReader, OnApplicationBootstrap {
  private readonly cache = new LatestVersionCache<OneStopPolicy>(
    async () => {
      const row = await latest(this.dataSource.manager);
      return row ? policyOfRow(row) : defaultOneStopPolicy(this.defaults);
    },
    (p) => p.version,
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly publisher: DocumentPublisher,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
    @Inject(ONE_STOP_POLICY_DEFAULTS) private readonly defaults: OneStopPolicyDefaults,
  ) {}

  /** The version in force is held by the document (a policy set before documents existed is handed over once). */
  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const row = await latest(tx);
      if (row) await this.publish(tx, policyOfRow(row));
    });
  }

  current(): Promise<OneStopPolicy> {
    return this.cache.get();
  }

  async view(): Promise<OneStopPolicyView> {
    const policy = await this.cache.get();
    return toOneStopPolicyView(policy, policy.version > 0n ? 'national' : 'defaults');
  }

  /** A PUT that changes nothing writes nothing: no new version, no publication. */
  async update(dto: PutOneStopPolicyDto, scope: AccessScope): Promise<OneStopPolicyView> {
    if (!scope.covers(this.identity.code)) {
      throw new ForbiddenError(`the one-stop policy is set by staff of node ${this.identity.code}`);
    }
    const given: OneStopPolicyContent = {
      slas: dto.slas,
      transitShareBp: dto.transitShareBp,
      overrides: dto.overrides ?? [],
      quoteReplySeconds: dto.quoteReplySeconds ?? defaultOneStopPolicy(this.defaults).quoteReplySeconds,
    };
    const provinces = new Set(
      this.topology
        .nodes()
        .filter((n) => n.tier === 'province')
        .map((n) => n.code),
    );
    const problems = policyProblems(given, provinces);
    if (problems.length > 0) throw new FieldValidationException(problems);
    const wanted = canonicalPolicy(given);
    const saved = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [POLICY_LOCK]);
      const beforeRow = await latest(tx);
      const before = beforeRow ? policyOfRow(beforeRow) : undefined;
      if (before && samePolicy(before, wanted)) return before;
      const repo = tx.getRepository(OneStopPolicyEntity);
      const version = (before?.version ?? 0n) + 1n;
      await repo.insert({ version, ...wanted, updatedBy: scope.principal.subject });
      const after = policyOfRow(await repo.findOneByOrFail({ version }));
      await this.audit.record(tx, scope.principal, {
        action: 'one-stop-policy.update',
        resourceType: 'one-stop-policy',
        resourceId: 'national',
        before: before
          ? toOneStopPolicyView(before, 'national')
          : toOneStopPolicyView(defaultOneStopPolicy(this.defaults), 'defaults'),
        after: toOneStopPolicyView(after, 'national'),
      });
      await this.publish(tx, after);
      this.cache.expect(version);
      return after;
    });
    return toOneStopPolicyView(saved, 'national');
  }

  private async publish(tx: EntityManager, policy: OneStopPolicy): Promise<void> {
    await this.publisher.publish(tx, ONE_STOP_POLICY_DOCUMENT, [
      { version: policy.version, body: toPublished(policy), publishedAt: policy.updatedAt ?? new Date() },
    ]);
  }
}

/** The policy in force at the national node, read in `manager`'s transaction. */
function latest(manager: EntityManager): Promise<OneStopPolicyEntity | null> {
  return manager.getRepository(OneStopPolicyEntity).findOne({ where: {}, order: { version: 'DESC' } });
}
