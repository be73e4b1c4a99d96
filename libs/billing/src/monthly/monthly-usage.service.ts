import { Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { CustomerDirectory } from '@kaf/customers';
import { FieldValidationException } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { MonthlyUsageEntity } from './monthly-usage.entity';
import type { MonthlyUsageQuery } from './monthly-usage.query';
import { type MonthlyUsageView, toMonthlyUsageView } from './monthly-usage.view';

@Injectable()
export class MonthlyUsageService {
  constructor(
    private readonly dataSource: DataSource,
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
    const qb = this.dataSource
      .getRepository(MonthlyUsageEntity)
      .createQueryBuilder('u')
      .where('u.customerId = :customerId', { customerId: customer.id })
      .orderBy('u.billingMonth', 'ASC')
      .addOrderBy('u.product', 'ASC');
    if (query.from) qb.andWhere('u.billingMonth >= :from', { from: query.from });
    if (query.to) qb.andWhere('u.billingMonth <= :to', { to: query.to });
    return (await qb.getMany()).map(toMonthlyUsageView);
  }
}
