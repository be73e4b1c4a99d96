import { Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { CustomerDirectory } from '@kaf/customers';
import { ConflictError, NotFoundError } from '@kaf/platform';
import { DataSource, type EntityManager, In } from 'typeorm';
import { CustomerCircuitVersionEntity } from './customer-circuit-version.entity';
import type { CircuitState } from '../domain/circuit-actions';
import { CustomerCircuitEntity } from './customer-circuit.entity';

export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * The circuits of this city's customers, each with its own identity and versions (ADR 0038):
 * found within the caller's reach (the customer in scope, else not found), locked for a change,
 * and listed with their history.
 */
@Injectable()
export class CustomerCircuits {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerDirectory,
  ) {}

  /**
   * The customer's circuit `circuitId` when the scope reaches the customer; row-locked when
   * `lock`. A circuit of another customer, or of a customer out of reach, is not found.
   */
  async require(
    tx: EntityManager,
    scope: AccessScope,
    customerId: string,
    circuitId: string,
    options: { lock?: boolean; field?: string } = {},
  ): Promise<CustomerCircuitEntity> {
    await this.customers.requireInScope(scope, customerId, 'customerId', tx);
    const circuit = await tx.getRepository(CustomerCircuitEntity).findOne({
      where: { circuitId, customerId },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!circuit)
      throw new NotFoundError(`${options.field ?? 'circuitId'}: no circuit ${circuitId} of this customer`);
    return circuit;
  }

  /** As `require`, for a circuit that must be in service (409 naming `circuitId` when ceased). */
  async requireInService(
    tx: EntityManager,
    scope: AccessScope,
    customerId: string,
    circuitId: string,
    options: { lock?: boolean } = {},
  ): Promise<CustomerCircuitEntity> {
    const circuit = await this.require(tx, scope, customerId, circuitId, options);
    if (circuit.state !== 'inService') {
      throw new ConflictError(
        `circuitId: circuit ${circuitId} is ${circuit.state} (since ${circuit.ceasedOn}), not in service`,
      );
    }
    return circuit;
  }

  /**
   * As `require`, locked, for a change or cease: the circuit must be in service with no other
   * change in flight (409 naming why).
   */
  async requireChangeable(
    tx: EntityManager,
    scope: AccessScope,
    customerId: string,
    circuitId: string,
  ): Promise<CustomerCircuitEntity> {
    const circuit = await this.requireInService(tx, scope, customerId, circuitId, { lock: true });
    if (circuit.pendingOrderId) {
      throw new ConflictError(
        `circuitId: circuit ${circuitId} already has order ${circuit.pendingOrderId} in flight; cancel it or wait for it to end`,
      );
    }
    return circuit;
  }

  /** Marks `orderId` as the change in flight on the circuit (locked by `requireChangeable`). */
  async markPending(tx: EntityManager, circuitId: string, orderId: string): Promise<void> {
    await tx.query(
      `UPDATE customer_circuit SET pending_order_id = $2, updated_at = now() WHERE circuit_id = $1`,
      [circuitId, orderId],
    );
  }

  /** The circuits of `customerIds` still in service (not ceased), for the churn guard. */
  inService(tx: EntityManager, customerIds: readonly string[]): Promise<CustomerCircuitEntity[]> {
    return tx.getRepository(CustomerCircuitEntity).find({
      where: { customerId: In([...customerIds]), state: 'inService' },
      order: { completedAt: 'ASC', circuitId: 'ASC' },
    });
  }

  async list(
    scope: AccessScope,
    customerId: string,
    page: { limit: number; offset: number; state?: CircuitState },
  ): Promise<Page<CustomerCircuitEntity>> {
    await this.customers.requireInScope(scope, customerId);
    const [items, total] = await this.dataSource.getRepository(CustomerCircuitEntity).findAndCount({
      where: { customerId, ...(page.state ? { state: page.state } : {}) },
      order: { completedAt: 'DESC', circuitId: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items, total };
  }

  /** Every version of a circuit, oldest first. */
  versions(tx: EntityManager, circuitId: string): Promise<CustomerCircuitVersionEntity[]> {
    return tx.getRepository(CustomerCircuitVersionEntity).find({
      where: { circuitId },
      order: { version: 'ASC' },
    });
  }
}
