import type { Topology } from '@kaf/federation';

/** One issuer's version of one key, as a node holds it. */
export interface Layer {
  key: string;
  issuer: string;
  version: bigint;
  /** The issuer withdrew its version: it no longer stands, and the one beneath it shows again. */
  withdrawn: boolean;
}

/** A node, its parent, its parent's parent… up to the national node: nearest first. */
export function lineageOf(topology: Topology, code: string): string[] {
  const lineage: string[] = [];
  for (let node = topology.find(code); node; node = node.parent ? topology.find(node.parent) : undefined) {
    lineage.push(node.code);
  }
  return lineage;
}

/**
 * The layering rule, the only one (ADR 0032): of the versions a node holds of one key, one per
 * issuer, the version in force there is the one of the nearest issuer in its lineage (itself,
 * then its parent, …) that has not withdrawn it. A province's override is in force at the
 * province and its cities whatever national version arrives after it; when the province withdraws
 * it, the national version shows again. Whole bodies, never merged field by field: each body was
 * checked whole by its issuer and by every receiver, and a proto3 body cannot tell a field left
 * unset from one set to zero. Undefined when no issuer above has a standing version.
 */
export function inForce<L extends Layer>(layers: readonly L[], lineage: readonly string[]): L | undefined {
  let found: L | undefined;
  let rank = lineage.length;
  for (const layer of layers) {
    const at = lineage.indexOf(layer.issuer);
    if (at < 0 || at >= rank || layer.withdrawn) continue;
    found = layer;
    rank = at;
  }
  return found;
}

/** `inForce` for every key among `layers`: the keys in force at the node, by key. */
export function inForceByKey<L extends Layer>(
  layers: readonly L[],
  lineage: readonly string[],
): Map<string, L> {
  const byKey = new Map<string, L[]>();
  for (const layer of layers) {
    const list = byKey.get(layer.key);
    if (list) list.push(layer);
    else byKey.set(layer.key, [layer]);
  }
  const result = new Map<string, L>();
  for (const [key, list] of byKey) {
    const found = inForce(list, lineage);
    if (found) result.set(key, found);
  }
  return result;
}

/**
 * A figure of one key that grows with every version stored at the node, whichever its issuer:
 * the sum of the versions held (withdrawals included). Each issuer's version only grows, so the
 * sum does too, even when the version in force goes from an override `v9` back to a national
 * `v5`; a reader's copy with a smaller stamp is older than what was stored.
 */
export function stampOf(layers: readonly Layer[]): bigint {
  return layers.reduce((sum, layer) => sum + layer.version, 0n);
}

/** Whether the version in force changed (another issuer, or another version of the same one). */
export function sameLayer(a: Layer | undefined, b: Layer | undefined): boolean {
  return a?.issuer === b?.issuer && a?.version === b?.version;
}

/** `held` with `stored` in place of the same issuer's version of the same key. */
export function withStored<L extends Layer>(held: readonly L[], stored: readonly L[]): L[] {
  const replaced = new Set(stored.map((s) => `${s.issuer}\u0000${s.key}`));
  return [...held.filter((h) => !replaced.has(`${h.issuer}\u0000${h.key}`)), ...stored];
}
