import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ReportedCustomerChanges } from '@kaf/customers';
import { CityUsageRepository } from './city-usage.repository';

/**
 * Slices classify customers by their current industry, grade, group and status, so a change of
 * any of them makes stale every slice in which the customer has usage.
 */
@Injectable()
export class ReportedCustomerDirtyListener implements OnModuleInit {
  constructor(
    private readonly changes: ReportedCustomerChanges,
    private readonly repository: CityUsageRepository,
  ) {}

  onModuleInit(): void {
    this.changes.onChanged((tx, changed) =>
      this.repository.markCustomersDirty(
        tx,
        changed.map((c) => c.customerId),
      ),
    );
  }
}
