import type { Topology } from '@kaf/federation';

/** The cities a node's figures cover: itself for a city, the cities beneath it otherwise. */
export function citiesOf(topology: Topology, code: string): string[] {
  const node = topology.find(code);
  if (!node) return [];
  if (node.tier === 'city') return [code];
  return topology
    .nodes()
    .filter((n) => n.tier === 'city' && n.code !== code && topology.isWithin(n.code, code))
    .map((n) => n.code);
}
