import { Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { GroupDirectory } from '@kaf/groups';
import { DataSource } from 'typeorm';
import { normaliseClasses } from '../domain/customer-vocabulary';
import { CustomerChanges } from '../profile/customer-changes';
import { type CustomerView, toCustomerView } from '../profile/customer.view';

/**
 * Group membership of a customer. The `group_member` class follows it, and the snapshot of the
 * change also goes to the national node, which keeps the member lists.
 */
@Injectable()
export class CustomerMembershipService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: CustomerChanges,
    private readonly groups: GroupDirectory,
  ) {}

  join(scope: AccessScope, id: string, groupCode: string): Promise<CustomerView> {
    return this.dataSource.transaction(async (tx) => {
      const customer = await this.changes.lock(tx, scope, id);
      const group = await this.groups.requireActive(groupCode, 'groupCode', tx);
      const before = toCustomerView(customer);
      if (customer.groupCode === group.groupCode) return before;
      // Moving between groups: the old group drops the member in the same snapshot.
      const previous = customer.groupCode;
      customer.groupCode = group.groupCode;
      customer.classes = normaliseClasses(customer.classes, true);
      return this.changes.commit(tx, scope, 'customer.group-join', before, customer, previous);
    });
  }

  leave(scope: AccessScope, id: string): Promise<CustomerView> {
    return this.dataSource.transaction(async (tx) => {
      const customer = await this.changes.lock(tx, scope, id);
      const before = toCustomerView(customer);
      if (customer.groupCode === null) return before;
      const previous = customer.groupCode;
      customer.groupCode = null;
      customer.classes = normaliseClasses(customer.classes, false);
      return this.changes.commit(tx, scope, 'customer.group-leave', before, customer, previous);
    });
  }
}
