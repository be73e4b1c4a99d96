import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { DocumentPublisher, type IssuedVersion } from '@kaf/documents';
import type { BillingPolicyPublishedSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { ForbiddenError, NotFoundError } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { BILLING_POLICY_DOCUMENT, fromBody, toBody, updatedAtOf } from './billing-policy.document';
import { BillingPolicyReplica } from './billing-policy.replica';
import { sameFigures, wantedPolicy } from './billing-policy.rules';
import { type BillingPolicyView, toBillingPolicyView } from './billing-policy.view';
import type { UpdateBillingPolicyDto } from './update-billing-policy.dto';

type Standing = Extract<IssuedVersion<typeof BillingPolicyPublishedSchema>, { withdrawn: false }>;

/**
 * Province: its own billing policy for itself and its cities, a version of the `billing-policy`
 * document issued by the province and in force over the national one until withdrawn (ADR 0032).
 * The override lives in the document (the province's own versions); each change is audited and
 * published to the province's cities in its transaction.
 */
@Injectable()
export class BillingPolicyOverrideService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly publisher: DocumentPublisher,
    private readonly replica: BillingPolicyReplica,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  /** A PUT of the override standing already changes nothing: no new version, no publication. */
  async set(dto: UpdateBillingPolicyDto, scope: AccessScope): Promise<BillingPolicyView> {
    this.mayWrite(scope);
    const wanted = wantedPolicy(dto);
    return this.dataSource.transaction(async (tx) => {
      const last = await this.publisher.issued(tx, BILLING_POLICY_DOCUMENT);
      const own = last && !last.withdrawn ? last : undefined;
      if (own && sameFigures(fromBody(own.body, own.version), wanted)) return viewOf(own);
      // After a withdrawal the numbering goes on: every version of the province's is above the last.
      const policy = { version: (last?.version ?? 0n) + 1n, ...wanted };
      const updatedAt = new Date();
      await this.publisher.publish(tx, BILLING_POLICY_DOCUMENT, [
        { version: policy.version, body: toBody(policy, updatedAt), publishedAt: updatedAt },
      ]);
      const after = toBillingPolicyView(policy, updatedAt, 'override');
      await this.audit.record(tx, scope.principal, {
        action: 'billing-policy.override',
        resourceType: 'billing-policy',
        resourceId: this.identity.code,
        before: own ? viewOf(own) : null,
        after,
      });
      return after;
    });
  }

  /** Withdraws the override: the national version (already held here and below) is in force again. */
  async withdraw(scope: AccessScope): Promise<BillingPolicyView> {
    this.mayWrite(scope);
    return this.dataSource.transaction(async (tx) => {
      const own = await this.publisher.issued(tx, BILLING_POLICY_DOCUMENT);
      if (!own || own.withdrawn)
        throw new NotFoundError(`node ${this.identity.code} has no billing policy of its own to withdraw`);
      await this.publisher.withdraw(tx, BILLING_POLICY_DOCUMENT, [
        { version: own.version + 1n, publishedAt: new Date() },
      ]);
      await this.audit.record(tx, scope.principal, {
        action: 'billing-policy.withdraw',
        resourceType: 'billing-policy',
        resourceId: this.identity.code,
        before: viewOf(own),
        after: null,
      });
      return this.replica.view(tx);
    });
  }

  private mayWrite(scope: AccessScope): void {
    if (!scope.covers(this.identity.code)) {
      throw new ForbiddenError(
        `the billing policy of node ${this.identity.code} is set by staff of that node or above`,
      );
    }
  }
}

function viewOf(own: Standing): BillingPolicyView {
  return toBillingPolicyView(
    fromBody(own.body, own.version),
    updatedAtOf(own.body, own.publishedAt),
    'override',
  );
}
