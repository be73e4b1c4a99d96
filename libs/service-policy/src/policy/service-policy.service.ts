import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { DocumentPublisher } from '@kaf/documents';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { ForbiddenError, NotFoundError } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { sameFigures, type ServicePolicyFigures } from './service-policy';
import { policyFiguresOf, SERVICE_POLICY_DOCUMENT, toPolicyBody } from './service-policy.document';
import { ServicePolicyReader } from './service-policy.reader';
import { checkedPolicy } from './service-policy.rules';
import type { ServicePolicyView } from './service-policy.view';
import type { PutServicePolicyDto } from './put-service-policy.dto';

/**
 * The national node sets the service policy for the federation; a province sets its own for
 * itself and its cities and withdraws it (ADR 0032). Either way the node's versions live in the
 * `service-policy` document itself (no table of their own): each change is a new version, audited
 * and published downward in one transaction.
 */
@Injectable()
export class ServicePolicyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly publisher: DocumentPublisher,
    private readonly reader: ServicePolicyReader,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  /** A PUT of the figures this node already has standing changes nothing: no version, no publication. */
  async set(dto: PutServicePolicyDto, scope: AccessScope): Promise<ServicePolicyView> {
    this.mayWrite(scope);
    const wanted = checkedPolicy(figuresOf(dto));
    return this.dataSource.transaction(async (tx) => {
      const last = await this.publisher.issued(tx, SERVICE_POLICY_DOCUMENT);
      const own = last && !last.withdrawn ? last : undefined;
      if (own && sameFigures(policyFiguresOf(own.body), wanted)) return this.reader.view(tx);
      const before = own ? await this.reader.view(tx) : null;
      // After a withdrawal the numbering goes on: every version of a node's is above its last.
      const version = (last?.version ?? 0n) + 1n;
      const now = new Date();
      await this.publisher.publish(tx, SERVICE_POLICY_DOCUMENT, [
        { version, body: toPolicyBody(wanted, version, now), publishedAt: now },
      ]);
      const after = await this.reader.view(tx);
      await this.audit.record(tx, scope.principal, {
        action: this.identity.tier === 'national' ? 'service-policy.update' : 'service-policy.override',
        resourceType: 'service-policy',
        resourceId: this.identity.code,
        before,
        after,
      });
      return after;
    });
  }

  /** A province withdraws its own policy: the national one (or the defaults) is in force again. */
  async withdraw(scope: AccessScope): Promise<ServicePolicyView> {
    this.mayWrite(scope);
    return this.dataSource.transaction(async (tx) => {
      const own = await this.publisher.issued(tx, SERVICE_POLICY_DOCUMENT);
      if (!own || own.withdrawn) {
        throw new NotFoundError(`node ${this.identity.code} has no service policy of its own to withdraw`);
      }
      const before = await this.reader.view(tx);
      await this.publisher.withdraw(tx, SERVICE_POLICY_DOCUMENT, [
        { version: own.version + 1n, publishedAt: new Date() },
      ]);
      await this.audit.record(tx, scope.principal, {
        action: 'service-policy.withdraw',
        resourceType: 'service-policy',
        resourceId: this.identity.code,
        before,
        after: null,
      });
      return this.reader.view(tx);
    });
  }

  private mayWrite(scope: AccessScope): void {
    if (this.identity.tier === 'city') {
      throw new ForbiddenError(
        'the service policy is set by the national node and overridden by provinces, not by a city',
      );
    }
    if (!scope.covers(this.identity.code)) {
      throw new ForbiddenError(
        `the service policy of node ${this.identity.code} is set by staff of that node or above`,
      );
    }
  }
}

function figuresOf(dto: PutServicePolicyDto): ServicePolicyFigures {
  return {
    targets: dto.targets.map((t) => ({
      ticketType: t.ticketType,
      severity: t.severity,
      grade: t.grade,
      responseMinutes: t.responseMinutes,
      restoreMinutes: t.restoreMinutes,
      clock: t.clock,
    })),
    returnVisitDays: dto.returnVisitDays,
    autoCloseDays: dto.autoCloseDays,
    faultCheckAnswerMinutes: dto.faultCheckAnswerMinutes,
  };
}
