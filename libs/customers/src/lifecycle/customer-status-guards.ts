import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CustomerStatus } from '../domain/customer-vocabulary';

/**
 * Why another capability holds a customer in its status (e.g. circuits still in service keep it
 * from being churned), or undefined when it does not. Runs inside the status change's
 * transaction, with the customer's row locked.
 */
export type CustomerStatusGuard = (
  tx: EntityManager,
  customer: { id: string; status: CustomerStatus },
  to: CustomerStatus,
) => Promise<string | undefined>;

/**
 * The guards a lifecycle move must pass beside the status rules. Capabilities that hold
 * customers register here, so the customer file depends on none of them.
 */
@Injectable()
export class CustomerStatusGuards {
  private readonly guards = new Map<string, CustomerStatusGuard>();

  register(name: string, guard: CustomerStatusGuard): void {
    if (this.guards.has(name)) throw new Error(`customer status guard ${name} registered twice`);
    this.guards.set(name, guard);
  }

  /** Every guard's objection to the move, in registration order. */
  async objections(
    tx: EntityManager,
    customer: { id: string; status: CustomerStatus },
    to: CustomerStatus,
  ): Promise<string[]> {
    const found: string[] = [];
    for (const guard of this.guards.values()) {
      const objection = await guard(tx, customer, to);
      if (objection) found.push(objection);
    }
    return found;
  }
}
