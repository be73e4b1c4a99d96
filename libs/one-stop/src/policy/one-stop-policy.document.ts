import { OneStopPolicyPublishedSchema } from '@kaf/contracts';
import { defineDocument } from '@kaf/documents';
import { fromPublished } from './one-stop-policy.codec';
import { policyProblems } from './one-stop-policy.rules';

/** The national one-stop policy: home cities time segments by it, provinces coordinate by it. */
export const ONE_STOP_POLICY_DOCUMENT = defineDocument({
  name: 'one-stop-policy',
  issuerTier: 'national',
  audience: {},
  schema: OneStopPolicyPublishedSchema,
  problem: (body, _key, topology) => {
    const provinces = new Set(
      topology
        .nodes()
        .filter((n) => n.tier === 'province')
        .map((n) => n.code),
    );
    const problems = policyProblems(fromPublished(body, new Date()), provinces);
    return problems.length > 0 ? problems.map((p) => `${p.field} ${p.message}`).join('; ') : undefined;
  },
});
