import type { FaultCheckRequested } from '@kaf/contracts';
import type { Topology } from '@kaf/federation';
import { UUID } from '../domain/home-city-sender';
import type { WorkOrderEntity } from './work-order.entity';

/**
 * Why a fault check cannot even be keyed, or undefined: only a city sends checks, with usable
 * ids. Such a check is dead-lettered, never stored.
 */
export function faultCheckRefusal(
  request: FaultCheckRequested,
  source: string,
  topology: Topology,
): string | undefined {
  if (topology.find(source)?.tier !== 'city') {
    return `fault check ${request.checkId} sent by ${source}, which is not a city node`;
  }
  for (const [field, value] of [
    ['check_id', request.checkId],
    ['ticket_id', request.ticketId],
    ['circuit_id', request.circuitId],
    ['segment_id', request.segmentId],
  ] as const) {
    if (!UUID.test(value)) return `fault check: ${field} is not a UUID`;
  }
  return undefined;
}

/**
 * Why this node cannot check the segment, or undefined: it must carry the segment in service
 * (the latest attempt of its provisioning work order is done) for the sender's circuit order.
 * Such a check is dead-lettered too: the home city escalates a check nobody answers.
 */
export function faultCheckSegmentRefusal(
  request: FaultCheckRequested,
  source: string,
  nodeCode: string,
  segment: Pick<WorkOrderEntity, 'homeNode' | 'state'> | undefined,
): string | undefined {
  if (!segment)
    return `fault check ${request.checkId}: segment ${request.segmentId} is not carried at ${nodeCode}`;
  if (segment.homeNode !== source) {
    return `fault check ${request.checkId}: segment ${request.segmentId} belongs to a circuit of ${segment.homeNode}, not of ${source}`;
  }
  if (segment.state !== 'done') {
    return `fault check ${request.checkId}: segment ${request.segmentId} is ${segment.state} at ${nodeCode}, not in service`;
  }
  return undefined;
}
