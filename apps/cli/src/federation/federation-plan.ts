import type { NodeTier, Topology, TopologyNode } from '@kaf/federation';

/** One node of a local federation: where it listens and which database it owns. */
export interface PlannedNode {
  code: string;
  name: string;
  tier: NodeTier;
  parent: string | null;
  /** Position in the topology, parents before children (CN is 0). */
  index: number;
  port: number;
  db: string;
  databaseUrl: string;
  url: string;
}

export interface PlanOptions {
  /** Comma-separated node codes (`--nodes`); empty or undefined selects the whole topology. */
  nodes?: string;
  basePort: number;
  namespace: string;
  /** Connection URL of the maintenance database; each node's URL is this one with its own database. */
  adminDatabaseUrl: string;
  host?: string;
}

export class PlanError extends Error {
  override readonly name = 'PlanError';
}

export const NAMESPACE_PATTERN = /^[a-z][a-z0-9-]{0,30}$/;

const TIER_DEPTH: Record<NodeTier, number> = { national: 0, province: 1, city: 2 };

/** How deep a tier lies below the national node (national 0, province 1, city 2). */
export function tierDepth(tier: NodeTier): number {
  return TIER_DEPTH[tier];
}

/**
 * The nodes named by `--nodes` (codes separated by commas, case-insensitive, duplicates ignored), in
 * topology order. Nothing named means every node.
 */
export function selectNodes(topology: Topology, spec?: string): TopologyNode[] {
  const all = topology.nodes();
  const codes = (spec ?? '')
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  if (codes.length === 0) return all;
  const unknown = codes.filter((c) => !topology.find(c));
  if (unknown.length > 0) {
    throw new PlanError(
      `not in the topology: ${unknown.join(', ')} (known: ${all.map((n) => n.code).join(', ')})`,
    );
  }
  const wanted = new Set(codes);
  return all.filter((n) => wanted.has(n.code));
}

/** A node's HTTP port: the base port plus its position in the topology, whatever else is selected. */
export function portFor(topology: Topology, code: string, basePort: number): number {
  const index = topology.nodes().findIndex((n) => n.code === code);
  if (index < 0) throw new PlanError(`node ${code} is not in the topology`);
  const port = basePort + index;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new PlanError(`port ${port} for node ${code} is outside 1-65535 (base port ${basePort})`);
  }
  return port;
}

/** `kaf_<namespace>_<code>`, lower case; dashes of the namespace become underscores. */
export function databaseName(namespace: string, code: string): string {
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new PlanError(
      `namespace '${namespace}' must be lowercase letters, digits or dashes, starting with a letter (at most 31)`,
    );
  }
  return `kaf_${namespace.replace(/-/g, '_')}_${code.toLowerCase()}`;
}

/** The admin URL with its database replaced by `db` (user, password, host and query are kept). */
export function databaseUrlFor(adminDatabaseUrl: string, db: string): string {
  let url: URL;
  try {
    url = new URL(adminDatabaseUrl);
  } catch {
    throw new PlanError(`not a valid PostgreSQL URL: ${adminDatabaseUrl}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new PlanError(`not a postgres:// URL: ${adminDatabaseUrl}`);
  }
  url.pathname = `/${db}`;
  return url.toString();
}

export function planFederation(topology: Topology, options: PlanOptions): PlannedNode[] {
  const host = options.host ?? '127.0.0.1';
  const order = topology.nodes().map((n) => n.code);
  return selectNodes(topology, options.nodes).map((node) => {
    const port = portFor(topology, node.code, options.basePort);
    const db = databaseName(options.namespace, node.code);
    return {
      code: node.code,
      name: node.name,
      tier: node.tier,
      parent: node.parent ?? null,
      index: order.indexOf(node.code),
      port,
      db,
      databaseUrl: databaseUrlFor(options.adminDatabaseUrl, db),
      url: `http://${host}:${port}`,
    };
  });
}

/** Children before parents (cities, then provinces, then the national node), otherwise stable. */
export function stopOrder<T extends { tier: NodeTier }>(nodes: readonly T[]): T[][] {
  return [2, 1, 0]
    .map((depth) => nodes.filter((n) => tierDepth(n.tier) === depth))
    .filter((wave) => wave.length > 0);
}
