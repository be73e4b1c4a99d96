import type { NodeTier, Topology } from './topology/topology';

/** Who this process is in the federation. */
export interface NodeIdentity {
  code: string;
  name: string;
  tier: NodeTier;
  parentCode?: string;
  version: string;
  startedAt: Date;
}

export const NODE_IDENTITY = Symbol('NODE_IDENTITY');
export const TOPOLOGY = Symbol('TOPOLOGY');

export interface FederationOptions {
  identity: NodeIdentity;
  topology: Topology;
  /** How often this node reports its status to its parent. */
  statusReportIntervalMs: number;
}

export const FEDERATION_OPTIONS = Symbol('FEDERATION_OPTIONS');
