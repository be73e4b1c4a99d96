import type { Topology } from '@kaf/federation';
import type { SegmentRole } from './segment-roles';

export interface PlannedSegment {
  role: SegmentRole;
  /** Node that runs the segment's work order. */
  nodeCode: string;
}

export interface SegmentPlan {
  segments: PlannedSegment[];
  /** Province of each end city. */
  aEndProvince: string;
  zEndProvince: string;
  /** Node carrying the transit segment, or undefined when both ends are in one city. */
  transitNode: string | undefined;
  /** Escalation point (一站业务协调): the province when both ends are in it, else the national node. */
  coordinator: string;
}

export class SegmentPlanError extends Error {
  constructor(
    readonly field: 'aEnd.nodeCode' | 'zEnd.nodeCode',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Splits a circuit between two city nodes into segments: one per end, and a transit segment
 * carried by the province when both ends are in it, by the national node when they are in two
 * provinces. Two ends in one city need no transit.
 */
export function planSegments(topology: Topology, aEndNode: string, zEndNode: string): SegmentPlan {
  const aProvince = provinceOfCity(topology, aEndNode, 'aEnd.nodeCode');
  const zProvince = provinceOfCity(topology, zEndNode, 'zEnd.nodeCode');
  const national = topology.nodes().find((n) => n.tier === 'national');
  if (!national) throw new Error('the topology has no national node');
  const transitNode = aEndNode === zEndNode ? undefined : aProvince === zProvince ? aProvince : national.code;
  const segments: PlannedSegment[] = [
    { role: 'a_end', nodeCode: aEndNode },
    { role: 'z_end', nodeCode: zEndNode },
  ];
  if (transitNode) segments.push({ role: 'transit', nodeCode: transitNode });
  return {
    segments,
    aEndProvince: aProvince,
    zEndProvince: zProvince,
    transitNode,
    coordinator: aProvince === zProvince ? aProvince : national.code,
  };
}

function provinceOfCity(topology: Topology, code: string, field: SegmentPlanError['field']): string {
  const node = topology.find(code);
  if (!node || node.tier !== 'city' || !node.parent) {
    throw new SegmentPlanError(field, `${code} is not a city node of the federation`);
  }
  return node.parent;
}
