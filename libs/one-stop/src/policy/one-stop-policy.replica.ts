import { Inject, Injectable } from '@nestjs/common';
import { DocumentReplicas } from '@kaf/documents';
import { fromPublished } from './one-stop-policy.codec';
import { ONE_STOP_POLICY_DOCUMENT } from './one-stop-policy.document';
import {
  defaultOneStopPolicy,
  ONE_STOP_POLICY_DEFAULTS,
  type OneStopPolicy,
  type OneStopPolicyDefaults,
  type OneStopPolicyReader,
} from './one-stop-policy.reader';
import { canonicalPolicy } from './one-stop-policy.rules';
import { type OneStopPolicyView, toOneStopPolicyView } from './one-stop-policy.view';

/**
 * Province and city: the policy in force is the highest version the national node published, or
 * the configured defaults until one arrives.
 */
@Injectable()
export class OneStopPolicyReplica implements OneStopPolicyReader {
  constructor(
    private readonly replicas: DocumentReplicas,
    @Inject(ONE_STOP_POLICY_DEFAULTS) private readonly defaults: OneStopPolicyDefaults,
  ) {}

  async current(): Promise<OneStopPolicy> {
    const held = await this.replicas.current(ONE_STOP_POLICY_DOCUMENT);
    const defaults = defaultOneStopPolicy(this.defaults);
    if (!held) return defaults;
    const policy = fromPublished(held.body, held.publishedAt, defaults.quoteReplySeconds);
    return { ...policy, ...canonicalPolicy(policy), version: held.version };
  }

  async view(): Promise<OneStopPolicyView> {
    const policy = await this.current();
    return toOneStopPolicyView(policy, policy.version > 0n ? 'published' : 'defaults');
  }
}
