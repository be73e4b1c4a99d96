import { Inject, Injectable } from '@nestjs/common';
import { AccountManagerDirectory, type ManagerRef } from '@kaf/account-managers';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { uuidv7 } from '@kaf/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { CustomerAssignmentEntity } from '../assignments/customer-assignment.entity';
import { CustomerStatusChangeEntity } from '../lifecycle/customer-status-change.entity';
import { applyCustomerFilters, type ListCustomersQuery } from '../query/customer-query';
import { parseFields, parseSort, pickFields } from '../query/list-options';
import { CustomerSnapshotPublisher } from '../snapshots/customer-snapshot.publisher';
import type { CreateCustomerDto } from './create-customer.dto';
import { CustomerChanges, rethrowDuplicateCreditCode } from './customer-changes';
import { applyCustomerPatch } from './customer-patch';
import { CustomerEntity } from './customer.entity';
import { findCustomerInScope } from './find-customer';
import { newCustomer } from './new-customer';
import { CUSTOMER_VIEW_FIELDS, type CustomerView, toCustomerView } from './customer.view';
import type { UpdateCustomerDto } from './update-customer.dto';
import { ForbiddenError } from '@kaf/platform';

const SORTS = { name: 'c.name', createdAt: 'c.createdAt', updatedAt: 'c.updatedAt', grade: 'c.grade' };
const DEFAULT_SORT = [{ path: 'c.createdAt', direction: 'DESC' as const }];

/** The customer file: create, read, list, merge-patch. */
@Injectable()
export class CustomersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: CustomerChanges,
    private readonly managers: AccountManagerDirectory,
    private readonly audit: AuditTrail,
    private readonly snapshots: CustomerSnapshotPublisher,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async create(scope: AccessScope, dto: CreateCustomerDto): Promise<CustomerView> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const manager = await this.managerForNewCustomer(scope, dto.managerId, tx);
        await this.changes.assertCreditCodeFree(tx, this.identity.code, dto.creditCode);
        const now = new Date();
        const customer = newCustomer(dto, {
          cityCode: this.identity.code,
          manager,
          createdBy: scope.principal.subject,
          now,
        });
        await tx.getRepository(CustomerEntity).insert(customer);
        await tx.getRepository(CustomerStatusChangeEntity).insert({
          id: uuidv7(),
          customerId: customer.id,
          fromStatus: null,
          toStatus: 'prospect',
          reason: null,
          changedBy: scope.principal.subject,
          changedAt: now,
        });
        if (manager) {
          await tx.getRepository(CustomerAssignmentEntity).insert({
            id: uuidv7(),
            customerId: customer.id,
            fromManagerId: null,
            toManagerId: manager.id,
            reason: 'created',
            transferId: null,
            assignedBy: scope.principal.subject,
            assignedAt: now,
          });
        }
        const view = toCustomerView(customer);
        await this.audit.record(tx, scope.principal, {
          action: 'customer.create',
          resourceType: 'customer',
          resourceId: customer.id,
          after: view,
        });
        await this.snapshots.publish(tx, [customer]);
        return view;
      });
    } catch (error) {
      rethrowDuplicateCreditCode(error, dto.creditCode);
    }
  }

  async list(
    scope: AccessScope,
    query: ListCustomersQuery,
  ): Promise<{ items: Partial<CustomerView>[]; total: number }> {
    const sort = parseSort(query.sort, SORTS, DEFAULT_SORT);
    const fields = parseFields(query.fields, CUSTOMER_VIEW_FIELDS);
    const qb = applyCustomerFilters(
      this.dataSource.getRepository(CustomerEntity).createQueryBuilder('c'),
      scope,
      query,
    );
    sort.forEach((s, i) => (i === 0 ? qb.orderBy(s.path, s.direction) : qb.addOrderBy(s.path, s.direction)));
    const [rows, total] = await qb
      .addOrderBy('c.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset)
      .getManyAndCount();
    return { items: rows.map((r) => pickFields(toCustomerView(r), fields)), total };
  }

  async get(scope: AccessScope, id: string): Promise<CustomerView> {
    return toCustomerView(await findCustomerInScope(this.dataSource.manager, scope, id));
  }

  async update(scope: AccessScope, id: string, patch: UpdateCustomerDto): Promise<CustomerView> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const customer = await this.changes.lock(tx, scope, id);
        const before = toCustomerView(customer);
        const changed = applyCustomerPatch(customer, patch);
        if (changed.length === 0) return before;
        if (changed.includes('creditCode')) {
          await this.changes.assertCreditCodeFree(tx, customer.cityCode, customer.creditCode, customer.id);
        }
        return this.changes.commit(tx, scope, 'customer.update', before, customer);
      });
    } catch (error) {
      rethrowDuplicateCreditCode(error, patch.creditCode);
    }
  }

  /**
   * Portfolio reach: the customer is the caller's own, whatever the body says (another manager is
   * refused). Subtree reach: the named manager, who must be active.
   */
  private async managerForNewCustomer(
    scope: AccessScope,
    managerId: string | undefined,
    tx: EntityManager,
  ): Promise<ManagerRef | undefined> {
    const staffId = scope.portfolioOf;
    if (staffId === undefined) {
      return managerId === undefined ? undefined : this.managers.requireActive(managerId, 'managerId', tx);
    }
    const own = await this.managers.findByStaffId(staffId, tx);
    if (!own) throw new ForbiddenError(`staff ${staffId} has no account manager record at this city`);
    if (managerId !== undefined && managerId !== own.id) {
      throw new ForbiddenError('managerId: an account manager creates customers for themselves only');
    }
    return own;
  }
}
