import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { DocumentPublisher } from '@kaf/documents';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { ForbiddenError } from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { BillingPolicyEntity } from './billing-policy.entity';
import { BILLING_POLICY_DOCUMENT, toBody } from './billing-policy.document';
import {
  BILLING_POLICY_DEFAULTS,
  type BillingPolicy,
  type BillingPolicyDefaults,
  type BillingPolicyReader,
  defaultBillingPolicy,
} from './billing-policy.reader';
import { sameFigures, wantedPolicy } from './billing-policy.rules';
import { type BillingPolicyView, toBillingPolicyView } from './billing-policy.view';
import type { UpdateBillingPolicyDto } from './update-billing-policy.dto';

/** Serialises policy writers, so versions are consecutive and each publication is the newest. */
const POLICY_LOCK = 0x6b61660b;

/**
 * National: the billing policy HQ sets. Every change is a new version, audited and published to
 * every province and city in the same transaction.
 */
@Injectable()
export class BillingPolicyService implements BillingPolicyReader, OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly publisher: DocumentPublisher,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(BILLING_POLICY_DEFAULTS) private readonly defaults: BillingPolicyDefaults,
  ) {}

  /** The version in force is held by the document (a policy set before documents existed is handed over once). */
  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const row = await latest(tx);
      if (row) await this.publish(tx, row);
    });
  }

  async current(): Promise<BillingPolicy> {
    const row = await latest(this.dataSource.manager);
    return row ? toPolicy(row) : defaultBillingPolicy(this.defaults);
  }

  async view(): Promise<BillingPolicyView> {
    const row = await latest(this.dataSource.manager);
    return row
      ? toBillingPolicyView(toPolicy(row), row.updatedAt, 'national')
      : toBillingPolicyView(defaultBillingPolicy(this.defaults), null, 'defaults');
  }

  /** A PUT that changes nothing writes nothing: no new version, no publication. */
  async update(dto: UpdateBillingPolicyDto, scope: AccessScope): Promise<BillingPolicyView> {
    if (!scope.covers(this.identity.code)) {
      throw new ForbiddenError(`the billing policy is set by staff of node ${this.identity.code}`);
    }
    const wanted = wantedPolicy(dto);
    const saved = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [POLICY_LOCK]);
      const before = await latest(tx);
      if (before && sameFigures(toPolicy(before), wanted)) return before;
      const repo = tx.getRepository(BillingPolicyEntity);
      const version = (before ? BigInt(before.version) : 0n) + 1n;
      await repo.insert({
        version: version.toString(),
        highValueMinMonthlyFen: wanted.highValueMinMonthlyFen.toString(),
        churnDropPercent: wanted.churnDropPercent,
        updatedBy: scope.principal.subject,
      });
      const after = await repo.findOneByOrFail({ version: version.toString() });
      await this.audit.record(tx, scope.principal, {
        action: 'billing-policy.update',
        resourceType: 'billing-policy',
        resourceId: 'national',
        before: before
          ? toBillingPolicyView(toPolicy(before), before.updatedAt, 'national')
          : toBillingPolicyView(defaultBillingPolicy(this.defaults), null, 'defaults'),
        after: toBillingPolicyView(toPolicy(after), after.updatedAt, 'national'),
      });
      await this.publish(tx, after);
      return after;
    });
    return toBillingPolicyView(toPolicy(saved), saved.updatedAt, 'national');
  }

  private async publish(tx: EntityManager, row: BillingPolicyEntity): Promise<void> {
    const policy = toPolicy(row);
    await this.publisher.publish(tx, BILLING_POLICY_DOCUMENT, [
      { version: policy.version, body: toBody(policy, row.updatedAt), publishedAt: row.updatedAt },
    ]);
  }
}

/** The policy in force at the national node, read in `manager`'s transaction. */
function latest(manager: EntityManager): Promise<BillingPolicyEntity | null> {
  return manager.getRepository(BillingPolicyEntity).findOne({ where: {}, order: { version: 'DESC' } });
}

function toPolicy(row: BillingPolicyEntity): BillingPolicy {
  return {
    version: BigInt(row.version),
    highValueMinMonthlyFen: BigInt(row.highValueMinMonthlyFen),
    churnDropPercent: row.churnDropPercent,
  };
}
