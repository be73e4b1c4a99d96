import type { AccessScope } from '@kaf/auth';
import type { NodeIdentity } from '@kaf/federation';
import { ForbiddenError } from '@kaf/platform';

/**
 * The cities whose orders the caller may see when that is less than the whole node, else
 * undefined: at the national node a province's staff see the orders with an end in their
 * province; the node's own staff and those above it see every order the node coordinates.
 */
export function visibleCities(
  scope: AccessScope,
  identity: Pick<NodeIdentity, 'code'>,
): readonly string[] | undefined {
  return scope.covers(identity.code) ? undefined : scope.cityCodes();
}

/**
 * Re-dispatching and cancelling are the coordinator's acts: staff of this node or above. A
 * province's staff may follow a cross-province order at the national node, not steer it.
 */
export function requireCoordinatorStaff(scope: AccessScope, identity: Pick<NodeIdentity, 'code'>): void {
  if (!scope.covers(identity.code)) {
    throw new ForbiddenError(
      `coordination actions at node ${identity.code} are for its own staff and those above it`,
    );
  }
}
