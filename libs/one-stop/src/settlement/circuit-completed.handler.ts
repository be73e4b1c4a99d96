import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type CircuitCompleted, CircuitCompletedSchema } from '@kaf/contracts';
import { FederatedHandlers, TOPOLOGY, type Topology } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { admitCompletedCircuit, versionConflict } from './circuit-completed.admission';
import { OneStopCircuitRepository } from './one-stop-circuit.repository';
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
    private readonly circuits: OneStopCircuitRepository,
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
    const registered = await this.circuits.lock(tx, admitted.circuitId);
    if (await this.circuits.hasVersion(tx, admitted.circuitId, admitted.version)) {
      this.metrics.circuits.inc({ outcome: 'duplicate' });
      return;
    }
    const conflict = registered && versionConflict(circuit, admitted, registered);
    if (conflict) this.refuse(conflict);
    await this.circuits.register(tx, {
      circuitId: admitted.circuitId,
      version: admitted.version,
      orderId: circuit.orderId,
      action: admitted.action,
      homeNode: circuit.homeNode,
      customerId: circuit.customerId,
      product: circuit.product,
      bandwidthMbps: circuit.bandwidthMbps,
      aEndNode: circuit.aEndNode,
      zEndNode: circuit.zEndNode,
      transitNode: admitted.plan.transitNode ?? null,
      aEndProvince: admitted.plan.aEndProvince,
      zEndProvince: admitted.plan.zEndProvince,
      monthlyChargeFen: circuit.monthlyChargeFen,
      oneTimeChargeFen: circuit.oneTimeChargeFen,
      effectiveDate: admitted.effectiveDate,
      completedAt: admitted.completedAt,
      circuitIds: circuit.circuitIds,
    });
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
}
