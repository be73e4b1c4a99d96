import type { Topology, TopologyNode } from '@kaf/federation';
import type { Audience } from './document-definition';

/** Whether `node` is one the audience names (the issuer itself never is). */
export function inAudience(node: TopologyNode, audience: Audience, issuer: string): boolean {
  if (node.code === issuer) return false;
  const tiers = audience.tiers ?? [];
  const nodes = audience.nodes ?? [];
  if (tiers.length === 0 && nodes.length === 0) return true;
  return tiers.includes(node.tier) || nodes.includes(node.code);
}

/** Every node below `root` (children, grandchildren), in topology order. */
export function subtreeOf(topology: Topology, root: string): TopologyNode[] {
  const below: TopologyNode[] = [];
  const walk = (code: string): void => {
    for (const child of topology.childrenOf(code)) {
      below.push(child);
      walk(child.code);
    }
  };
  walk(root);
  return below;
}

/** The audience nodes in `root`'s subtree (root included when it is one of them). */
export function audienceIn(
  topology: Topology,
  root: string,
  audience: Audience,
  issuer: string,
): TopologyNode[] {
  const self = topology.find(root);
  const candidates = [...(self ? [self] : []), ...subtreeOf(topology, root)];
  return candidates.filter((n) => inAudience(n, audience, issuer));
}

/** The children of `node` a version must go to: those whose subtree holds an audience node. */
export function relayTargets(topology: Topology, node: string, audience: Audience, issuer: string): string[] {
  return topology
    .childrenOf(node)
    .filter((child) => audienceIn(topology, child.code, audience, issuer).length > 0)
    .map((child) => child.code);
}
