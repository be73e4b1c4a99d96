import type { AccessScope } from '@kaf/auth';
import type { Topology } from '@kaf/federation';
import { FieldValidationException } from '@kaf/platform';

/**
 * Province or city codes of the caller's reach beneath the node `nodeCode`; any other is a 400
 * naming `field` (the query parameter that carried them).
 */
export function reachableCodes(
  topology: Topology,
  nodeCode: string,
  scope: AccessScope,
  tier: 'province' | 'city',
  field: string,
  codes: readonly string[],
): string[] {
  for (const code of codes) {
    const node = topology.find(code);
    if (!node || node.tier !== tier || !topology.isWithin(code, nodeCode) || !scope.covers(code)) {
      throw new FieldValidationException([
        { field, message: `${code} is not a ${tier} within the reach of this node and caller` },
      ]);
    }
  }
  return [...codes];
}
