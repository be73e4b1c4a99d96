import type { Topology } from '@kaf/federation';

/** Ids in the 8-4-4-4-12 form PostgreSQL's uuid type takes. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const INT64_MAX = 2n ** 63n - 1n;

/**
 * Why a message about an order cannot have come from `source`, or undefined when it can: only
 * the order's home city reports on it, so the sender must name itself as `home_node`, and that
 * node must be a city. (That the sender is a node of the federation at all is for the handler's
 * declared senders.)
 */
export function homeCitySenderRefusal(
  topology: Topology,
  source: string,
  homeNode: string,
  what: string,
): string | undefined {
  if (homeNode !== source) return `${what} names home node ${homeNode} but was sent by ${source}`;
  if (topology.find(homeNode)?.tier !== 'city') return `${what} from ${source}, which is not a city node`;
  return undefined;
}
