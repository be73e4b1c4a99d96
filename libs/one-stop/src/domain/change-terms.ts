import type { FieldError } from '@kaf/platform';
import type { SegmentRole } from './segment-roles';

/** One end of a circuit: its city and site. */
export interface CircuitEnd {
  nodeCode: string;
  siteAddress: string;
  contactName: string;
  contactPhone: string;
}

/** The circuit in service as a change sees it: the version in force and its ends' sites. */
export interface CircuitInService {
  product: string;
  bandwidthMbps: number;
  aEnd: CircuitEnd;
  zEnd: CircuitEnd;
  roles: readonly SegmentRole[];
}

/** What a change order asks for, beside its pricing. */
export interface ChangeRequest {
  action: 'modify' | 'delete';
  product?: string;
  bandwidthMbps?: number;
  aEnd?: CircuitEnd;
  zEnd?: CircuitEnd;
}

/** The circuit as the change would leave it, and the segments whose nodes must work it. */
export interface ChangeTerms {
  bandwidthMbps: number;
  aEnd: CircuitEnd;
  zEnd: CircuitEnd;
  roles: SegmentRole[];
}

/**
 * The terms of a change order on a circuit in service (ADR 0038), or the fields that make it
 * impossible. A cease is worked at every node carrying the circuit. A modify changes the
 * bandwidth (worked at every carrying node) and/or moves an end to another site of the same city
 * (worked at that end's city only); the product never changes, and a modify that changes nothing
 * is refused.
 */
export function changeTerms(
  circuit: CircuitInService,
  request: ChangeRequest,
): { terms: ChangeTerms } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (request.product !== undefined && request.product !== circuit.product) {
    errors.push({ field: 'product', message: `a change keeps the circuit's product (${circuit.product})` });
  }
  if (request.action === 'delete') {
    for (const field of ['bandwidthMbps', 'aEnd', 'zEnd'] as const) {
      if (request[field] !== undefined)
        errors.push({ field, message: 'must not be given to cease a circuit' });
    }
    if (errors.length) return { errors };
    return {
      terms: {
        bandwidthMbps: circuit.bandwidthMbps,
        aEnd: circuit.aEnd,
        zEnd: circuit.zEnd,
        roles: [...circuit.roles],
      },
    };
  }
  const moved = (field: 'aEnd' | 'zEnd'): boolean => {
    const end = request[field];
    if (!end) return false;
    if (end.nodeCode !== circuit[field].nodeCode) {
      errors.push({
        field: `${field}.nodeCode`,
        message: `a moved end stays in its city (${circuit[field].nodeCode}); another city is a new circuit`,
      });
    }
    return true;
  };
  const bandwidthChanged =
    request.bandwidthMbps !== undefined && request.bandwidthMbps !== circuit.bandwidthMbps;
  const aMoved = moved('aEnd');
  const zMoved = moved('zEnd');
  if (!bandwidthChanged && !aMoved && !zMoved && errors.length === 0) {
    errors.push({
      field: 'bandwidthMbps',
      message: `a modify must change the bandwidth (now ${circuit.bandwidthMbps} Mbps) or move aEnd or zEnd`,
    });
  }
  if (errors.length) return { errors };
  const roles = bandwidthChanged
    ? [...circuit.roles]
    : circuit.roles.filter((role) => (role === 'a_end' && aMoved) || (role === 'z_end' && zMoved));
  return {
    terms: {
      bandwidthMbps: request.bandwidthMbps ?? circuit.bandwidthMbps,
      aEnd: request.aEnd ?? circuit.aEnd,
      zEnd: request.zEnd ?? circuit.zEnd,
      roles,
    },
  };
}
