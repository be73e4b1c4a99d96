import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CustomerStatusGuards } from '@kaf/customers';
import { CustomerCircuits } from './customer-circuits';

/** At most this many circuits are named in the refusal; the count says how many there are. */
const NAMED = 10;

/**
 * A customer with one-stop circuits in service cannot be churned until they are ceased: the
 * refusal (409) names them, so staff can cease them first.
 */
@Injectable()
export class CircuitsHoldChurn implements OnModuleInit {
  constructor(
    private readonly guards: CustomerStatusGuards,
    private readonly circuits: CustomerCircuits,
  ) {}

  onModuleInit(): void {
    this.guards.register('one-stop circuits in service', async (tx, customer, to) => {
      if (to !== 'churned') return undefined;
      const live = await this.circuits.inService(tx, [customer.id]);
      if (live.length === 0) return undefined;
      const named = live.slice(0, NAMED).map((c) => c.circuitId);
      const more = live.length > NAMED ? ` and ${live.length - NAMED} more` : '';
      return `the customer has ${live.length} one-stop circuit(s) in service; cease them first: ${named.join(', ')}${more}`;
    });
  }
}
