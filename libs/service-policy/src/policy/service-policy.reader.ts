import { Inject, Injectable } from '@nestjs/common';
import type { ServicePolicyPublishedSchema } from '@kaf/contracts';
import { DocumentReplicas, type DocumentVersion, policySource } from '@kaf/documents';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import type { EntityManager } from 'typeorm';
import { DEFAULT_SERVICE_POLICY, type ServicePolicy, servicePolicyOf } from './service-policy';
import { policyFiguresOf, policyUpdatedAt, SERVICE_POLICY_DOCUMENT } from './service-policy.document';
import { type ServicePolicyView, toServicePolicyView } from './service-policy.view';

/** The issuer named by a policy no node published. */
export const DEFAULT_POLICY_ISSUER = 'defaults';

/**
 * The service policy in force at this node, at every tier: the province's own while it stands,
 * else the national version, else the built-in defaults (version 0). From memory; a new version
 * is seen as soon as its transaction commits.
 */
@Injectable()
export class ServicePolicyReader {
  constructor(
    private readonly replicas: DocumentReplicas,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async current(): Promise<ServicePolicy> {
    const held = await this.replicas.current(SERVICE_POLICY_DOCUMENT);
    return held
      ? servicePolicyOf(policyFiguresOf(held.body), held.issuer, held.version)
      : servicePolicyOf(DEFAULT_SERVICE_POLICY, DEFAULT_POLICY_ISSUER, 0n);
  }

  /** The policy in force with its provenance; in `tx` (which just changed it), as that transaction sees it. */
  async view(tx?: EntityManager): Promise<ServicePolicyView> {
    const held = tx
      ? await this.replicas.read(SERVICE_POLICY_DOCUMENT, tx)
      : await this.replicas.current(SERVICE_POLICY_DOCUMENT);
    return held ? this.viewOf(held) : defaultPolicyView();
  }

  viewOf(held: DocumentVersion<typeof ServicePolicyPublishedSchema>): ServicePolicyView {
    const source = !held.override && this.identity.tier === 'national' ? 'national' : policySource(held);
    return toServicePolicyView(policyFiguresOf(held.body), {
      issuer: held.issuer,
      version: held.version,
      updatedAt: policyUpdatedAt(held.body, held.publishedAt),
      source,
    });
  }
}

export function defaultPolicyView(): ServicePolicyView {
  return toServicePolicyView(DEFAULT_SERVICE_POLICY, {
    issuer: DEFAULT_POLICY_ISSUER,
    version: 0n,
    updatedAt: null,
    source: 'defaults',
  });
}
