import { Inject, Injectable } from '@nestjs/common';
import { DocumentReplicas, policySource } from '@kaf/documents';
import type { EntityManager } from 'typeorm';
import { BILLING_POLICY_DOCUMENT, fromBody, updatedAtOf } from './billing-policy.document';
import {
  BILLING_POLICY_DEFAULTS,
  type BillingPolicy,
  type BillingPolicyDefaults,
  type BillingPolicyReader,
  defaultBillingPolicy,
} from './billing-policy.reader';
import { type BillingPolicyView, toBillingPolicyView } from './billing-policy.view';

/**
 * Province and city: the policy in force is the province's override while it stands, else the
 * highest version the national node published, else the node's configured defaults.
 */
@Injectable()
export class BillingPolicyReplica implements BillingPolicyReader {
  constructor(
    private readonly replicas: DocumentReplicas,
    @Inject(BILLING_POLICY_DEFAULTS) private readonly defaults: BillingPolicyDefaults,
  ) {}

  async current(): Promise<BillingPolicy> {
    const held = await this.replicas.current(BILLING_POLICY_DOCUMENT);
    return held ? fromBody(held.body, held.version) : defaultBillingPolicy(this.defaults);
  }

  /** The policy in force, from memory; in `tx` (which just changed it), as that transaction sees it. */
  async view(tx?: EntityManager): Promise<BillingPolicyView> {
    const held = tx
      ? await this.replicas.read(BILLING_POLICY_DOCUMENT, tx)
      : await this.replicas.current(BILLING_POLICY_DOCUMENT);
    return held
      ? toBillingPolicyView(
          fromBody(held.body, held.version),
          updatedAtOf(held.body, held.publishedAt),
          policySource(held),
        )
      : toBillingPolicyView(defaultBillingPolicy(this.defaults), null, 'defaults');
  }
}
