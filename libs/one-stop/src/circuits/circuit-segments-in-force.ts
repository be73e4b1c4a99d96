import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One segment of a circuit as it runs now: the node that carries it and the segment's id there. */
export interface SegmentInForce {
  segmentId: string;
  role: string;
  nodeCode: string;
}

/** What a fault on a circuit needs to know of it at the home city (business data only). */
export interface CircuitInForce {
  circuitId: string;
  /** The order that made the circuit; its coordinator follows the circuit's faults. */
  orderId: string;
  coordinator: string;
  customerId: string;
  companyName: string;
  product: string;
  bandwidthMbps: number;
  state: string;
  segments: SegmentInForce[];
}

/**
 * A customer circuit's segments in force at its home city: for each role, the segment of the
 * latest completed order of the circuit that worked it (a change order re-works only some ends).
 */
@Injectable()
export class CircuitSegmentsInForce {
  async of(tx: EntityManager, circuitId: string): Promise<CircuitInForce | undefined> {
    const circuits: {
      order_id: string;
      customer_id: string;
      product: string;
      bandwidth_mbps: number;
      state: string;
      coordinator: string;
      customer_name: string;
    }[] = await tx.query(
      `SELECT c.order_id, c.customer_id, c.product, c.bandwidth_mbps, c.state, o.coordinator, o.customer_name
         FROM customer_circuit c JOIN circuit_order o ON o.id = c.order_id
        WHERE c.circuit_id = $1`,
      [circuitId],
    );
    const circuit = circuits[0];
    if (!circuit) return undefined;
    const segments: { id: string; role: string; node_code: string }[] = await tx.query(
      `SELECT DISTINCT ON (s.role) s.id, s.role, s.node_code
         FROM circuit_segment s JOIN circuit_order o ON o.id = s.order_id
        WHERE o.circuit_id = $1 AND o.state = 'completed' AND s.state = 'done'
        ORDER BY s.role, o.completed_at DESC`,
      [circuitId],
    );
    return {
      circuitId,
      orderId: circuit.order_id,
      coordinator: circuit.coordinator,
      customerId: circuit.customer_id,
      companyName: circuit.customer_name,
      product: circuit.product,
      bandwidthMbps: circuit.bandwidth_mbps,
      state: circuit.state,
      segments: segments.map((s) => ({ segmentId: s.id, role: s.role, nodeCode: s.node_code })),
    };
  }
}
