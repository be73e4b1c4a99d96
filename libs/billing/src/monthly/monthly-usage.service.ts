import { Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { CustomerDirectory } from '@kaf/customers';
import { FieldValidationException } from '@kaf/platform';
import { MonthlyUsageRepository } from './monthly-usage.repository';
import type { MonthlyUsageQuery } from './monthly-usage.query';
import { type MonthlyUsageView, toMonthlyUsageView } from './monthly-usage.view';

@Injectable()
export class MonthlyUsageService {
  constructor(
    private readonly cells: MonthlyUsageRepository,
    private readonly customers: CustomerDirectory,
  ) {}

  /** A customer's cells, oldest month first; a customer out of the caller's reach is a 404. */
  async forCustomer(
    scope: AccessScope,
    customerId: string,
    query: MonthlyUsageQuery,
  ): Promise<MonthlyUsageView[]> {
    if (query.from && query.to && query.from > query.to) {
      throw new FieldValidationException([{ field: 'to', message: 'must not be before from' }]);
    }
    const customer = await this.customers.requireInScope(scope, customerId, 'customerId');
    return (await this.cells.forCustomer(customer.id, query.from, query.to)).map(toMonthlyUsageView);
  }
}
