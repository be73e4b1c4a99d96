import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ReportedCustomerChanges } from '@kaf/customers';
import { ARREARS_SLICES_DIRTY, USAGE_SLICES_DIRTY } from '../slices/slice-dirty-list';

/**
 * Slices classify customers by their current industry, grade, group and status, so a change of
 * any of them makes stale every slice, of every measure, in which the customer appears.
 */
@Injectable()
export class ReportedCustomerDirtyListener implements OnModuleInit {
  constructor(private readonly changes: ReportedCustomerChanges) {}

  onModuleInit(): void {
    this.changes.onChanged(async (tx, changed) => {
      const customerIds = changed.map((c) => c.customerId);
      for (const slices of [USAGE_SLICES_DIRTY, ARREARS_SLICES_DIRTY])
        await slices.markCustomers(tx, customerIds);
    });
  }
}
