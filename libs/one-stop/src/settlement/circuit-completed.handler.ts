import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type CircuitCompleted, CircuitCompletedSchema } from '@kaf/contracts';
import { FederatedHandlers, TOPOLOGY, type Topology } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import {
  type AdmittedVersion,
  admitCompletedCircuit,
  type RegisteredCircuit,
  versionConflict,
} from './circuit-completed.admission';
import { SETTLEMENT_LOCK } from './settlement-lock';
import { SettlementMetrics } from './settlement.metrics';

/**
 * Registers a version of a circuit for settlement (its add, a change or its cease), once per
 * (circuit, version): a re-sent or replayed version changes nothing. The circuit's row follows
 * its highest version and keeps its cease date. A version may arrive before a lower one (a
 * replay): it is kept, and settlement counts what is there.
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
    if ('refusal' in admission) this.refuse(admission.refusal);
    const { admitted } = admission;
    await tx.query('SELECT pg_advisory_xact_lock_shared($1)', [SETTLEMENT_LOCK]);
    const [registered] = await tx.query<RegisteredCircuit[]>(
      `SELECT c.home_node, c.customer_id, c.product, c.a_end_node, c.z_end_node,
              (SELECT max(v.version) FROM one_stop_circuit_version v
                WHERE v.circuit_id = c.circuit_id AND v.action = 'delete') AS ceased_version
         FROM one_stop_circuit c WHERE c.circuit_id = $1 FOR UPDATE`,
      [admitted.circuitId],
    );
    const [held] = await tx.query<unknown[]>(
      'SELECT 1 FROM one_stop_circuit_version WHERE circuit_id = $1 AND version = $2',
      [admitted.circuitId, admitted.version],
    );
    if (held) {
      this.metrics.circuits.inc({ outcome: 'duplicate' });
      return;
    }
    const conflict = registered && versionConflict(circuit, admitted, registered);
    if (conflict) this.refuse(conflict);
    await this.insertVersion(tx, circuit, admitted);
    await this.upsertCircuit(tx, circuit, admitted);
    this.metrics.circuits.inc({ outcome: 'registered' });
    this.logger.log({
      msg: 'circuit version registered for settlement',
      circuitId: admitted.circuitId,
      version: admitted.version,
      action: admitted.action,
      effectiveDate: admitted.effectiveDate,
      orderId: circuit.orderId,
    });
  }

  private refuse(reason: string): never {
    this.metrics.circuits.inc({ outcome: 'refused' });
    throw new PermanentMessageError(reason);
  }

  private insertVersion(tx: EntityManager, circuit: CircuitCompleted, v: AdmittedVersion): Promise<unknown> {
    return tx.query(
      `INSERT INTO one_stop_circuit_version
         (circuit_id, version, order_id, action, bandwidth_mbps, a_end_node, z_end_node,
          monthly_charge_fen, one_time_charge_fen, effective_date, completed_at, circuit_ids, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, clock_timestamp())`,
      [
        v.circuitId,
        v.version,
        circuit.orderId,
        v.action,
        circuit.bandwidthMbps,
        circuit.aEndNode,
        circuit.zEndNode,
        circuit.monthlyChargeFen.toString(),
        circuit.oneTimeChargeFen.toString(),
        v.effectiveDate,
        v.completedAt,
        circuit.circuitIds,
      ],
    );
  }

  /**
   * The circuit's row: created by the first version to arrive, then following the highest; its
   * first month is the earliest effective date of a version in service, its cease date the
   * cease's.
   */
  private upsertCircuit(tx: EntityManager, circuit: CircuitCompleted, v: AdmittedVersion): Promise<unknown> {
    const latest = (column: string) =>
      `${column} = CASE WHEN EXCLUDED.version > c.version THEN EXCLUDED.${column} ELSE c.${column} END`;
    return tx.query(
      `INSERT INTO one_stop_circuit AS c
         (circuit_id, version, order_id, home_node, customer_id, product, bandwidth_mbps, a_end_node,
          z_end_node, transit_node, a_end_province, z_end_province, monthly_charge_fen,
          one_time_charge_fen, completed_at, first_billing_month, ceased_on, circuit_ids, received_at,
          changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, substr($16, 1, 7),
               CASE WHEN $17 = 'delete' THEN $16::date END, $18, clock_timestamp(), clock_timestamp())
       ON CONFLICT (circuit_id) DO UPDATE SET
         ${[
           'order_id',
           'bandwidth_mbps',
           'monthly_charge_fen',
           'one_time_charge_fen',
           'completed_at',
           'circuit_ids',
         ]
           .map(latest)
           .join(', ')},
         version = GREATEST(c.version, EXCLUDED.version),
         first_billing_month = CASE WHEN $17 = 'delete' THEN c.first_billing_month
                                    ELSE LEAST(c.first_billing_month, EXCLUDED.first_billing_month) END,
         ceased_on = COALESCE(EXCLUDED.ceased_on, c.ceased_on),
         changed_at = clock_timestamp()`,
      [
        v.circuitId,
        v.version,
        circuit.orderId,
        circuit.homeNode,
        circuit.customerId,
        circuit.product,
        circuit.bandwidthMbps,
        circuit.aEndNode,
        circuit.zEndNode,
        v.plan.transitNode ?? null,
        v.plan.aEndProvince,
        v.plan.zEndProvince,
        circuit.monthlyChargeFen.toString(),
        circuit.oneTimeChargeFen.toString(),
        v.completedAt,
        v.effectiveDate,
        v.action,
        circuit.circuitIds,
      ],
    );
  }
}
