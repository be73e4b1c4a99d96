import { Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { uuidv7 } from '@kaf/messaging';
import { FieldValidationException, type PageQueryDto, ConflictError } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { statusChangeProblem } from '../domain/customer-status';
import { CustomerChanges } from '../profile/customer-changes';
import { type CustomerView, toCustomerView } from '../profile/customer.view';
import { findCustomerInScope } from '../profile/find-customer';
import type { ChangeCustomerStatusDto } from './change-customer-status.dto';
import { CustomerStatusGuards } from './customer-status-guards';
import { CustomerStatusChangeEntity } from './customer-status-change.entity';
import { type CustomerStatusChangeView, toStatusChangeView } from './customer-status-change.view';

/** Lifecycle moves of a customer and their history. */
@Injectable()
export class CustomerLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: CustomerChanges,
    private readonly guards: CustomerStatusGuards,
  ) {}

  changeStatus(scope: AccessScope, id: string, dto: ChangeCustomerStatusDto): Promise<CustomerView> {
    return this.dataSource.transaction(async (tx) => {
      const customer = await this.changes.lock(tx, scope, id);
      const problem = statusChangeProblem(customer.status, dto.status, dto.reason);
      if (problem?.kind === 'transition') throw new ConflictError(`status: ${problem.message}`);
      if (problem?.kind === 'reason') {
        throw new FieldValidationException([{ field: 'reason', message: problem.message }]);
      }
      const objections = await this.guards.objections(tx, customer, dto.status);
      if (objections.length) throw new ConflictError(`status: ${objections.join('; ')}`);
      const before = toCustomerView(customer);
      const reason = dto.reason?.trim() || null;
      await tx.getRepository(CustomerStatusChangeEntity).insert({
        id: uuidv7(),
        customerId: customer.id,
        fromStatus: customer.status,
        toStatus: dto.status,
        reason,
        changedBy: scope.principal.subject,
        changedAt: new Date(),
      });
      customer.status = dto.status;
      customer.statusReason = reason;
      return this.changes.commit(tx, scope, 'customer.status-change', before, customer);
    });
  }

  async history(
    scope: AccessScope,
    id: string,
    page: PageQueryDto,
  ): Promise<{ items: CustomerStatusChangeView[]; total: number }> {
    const customer = await findCustomerInScope(this.dataSource.manager, scope, id);
    const [rows, total] = await this.dataSource.getRepository(CustomerStatusChangeEntity).findAndCount({
      where: { customerId: customer.id },
      order: { changedAt: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: rows.map(toStatusChangeView), total };
  }
}
