import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type CircuitCompleted, CircuitCompletedSchema } from '@kaf/contracts';
import { FederatedHandlers, TOPOLOGY, type Topology } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { billingMonthOf } from '@kaf/platform';
import { admitCompletedCircuit } from './circuit-completed.admission';
import { SettlementMetrics } from './settlement.metrics';

/**
 * Registers a completed circuit for settlement, once per order: a re-sent or replayed
 * completion changes nothing (the first one holds).
 */
@Injectable()
export class CircuitCompletedHandler implements OnModuleInit {
  private readonly logger = new Logger(CircuitCompletedHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly metrics: SettlementMetrics,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.handlers.on(CircuitCompletedSchema, 'subtree', (circuit, message, tx) =>
      this.handle(circuit, message, tx),
    );
  }

  async handle(circuit: CircuitCompleted, message: InboundMessage, tx: EntityManager): Promise<void> {
    const admission = admitCompletedCircuit(circuit, message.source, this.topology);
    if ('refusal' in admission) {
      this.metrics.circuits.inc({ outcome: 'refused' });
      throw new PermanentMessageError(admission.refusal);
    }
    const { plan } = admission;
    const completedAt = timestampDate(circuit.completedAt!);
    const inserted: unknown[] = await tx.query(
      `INSERT INTO one_stop_circuit
         (order_id, home_node, customer_id, product, bandwidth_mbps, a_end_node, z_end_node,
          transit_node, a_end_province, z_end_province, monthly_charge_fen, one_time_charge_fen,
          completed_at, first_billing_month, circuit_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (order_id) DO NOTHING
       RETURNING order_id`,
      [
        circuit.orderId,
        circuit.homeNode,
        circuit.customerId,
        circuit.product,
        circuit.bandwidthMbps,
        circuit.aEndNode,
        circuit.zEndNode,
        plan.transitNode ?? null,
        plan.aEndProvince,
        plan.zEndProvince,
        circuit.monthlyChargeFen.toString(),
        circuit.oneTimeChargeFen.toString(),
        completedAt,
        billingMonthOf(completedAt),
        circuit.circuitIds,
      ],
    );
    const outcome = inserted.length > 0 ? 'registered' : 'duplicate';
    this.metrics.circuits.inc({ outcome });
    if (outcome === 'registered') {
      this.logger.log({
        msg: 'circuit registered for settlement',
        orderId: circuit.orderId,
        product: circuit.product,
      });
    }
  }
}
