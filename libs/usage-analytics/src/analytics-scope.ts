import type { AccessScope } from '@kaf/auth';
import type { NodeIdentity } from '@kaf/federation';

/**
 * The cities a caller reaches when that is less than the node's own subtree, else undefined.
 * Roles are bound to their tier, so analysts at a node normally reach all of it; the filter
 * still applies, as the customer lists apply theirs, for any principal from below.
 */
export function scopeCitiesNarrowerThanNode(
  scope: AccessScope,
  identity: Pick<NodeIdentity, 'code'>,
): readonly string[] | undefined {
  return scope.covers(identity.code) ? undefined : scope.cityCodes();
}
