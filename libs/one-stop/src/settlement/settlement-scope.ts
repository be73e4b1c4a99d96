import type { AccessScope } from '@kaf/auth';
import type { NodeIdentity } from '@kaf/federation';

/**
 * The settlement regions the caller may see when that is less than the whole national node,
 * else undefined: a province's staff see their own province's shares only. Regions are province
 * codes and `CN`, so the nodes of the caller's subtree bound them.
 */
export function visibleRegions(
  scope: AccessScope,
  identity: Pick<NodeIdentity, 'code'>,
): readonly string[] | undefined {
  return scope.covers(identity.code) ? undefined : scope.nodeCodes();
}
