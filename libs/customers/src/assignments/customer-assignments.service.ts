import { Injectable } from '@nestjs/common';
import { AccountManagerDirectory } from '@kaf/account-managers';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { uuidv7 } from '@kaf/messaging';
import { FieldValidationException, type PageQueryDto } from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { CustomerChanges } from '../profile/customer-changes';
import { CustomerEntity } from '../profile/customer.entity';
import { type CustomerView, toCustomerView } from '../profile/customer.view';
import { findCustomerInScope } from '../profile/find-customer';
import { applyCustomerScope } from '../query/customer-query';
import { CustomerSnapshotPublisher } from '../snapshots/customer-snapshot.publisher';
import type { AssignManagerDto, CreatePortfolioTransferDto } from './assign-manager.dto';
import { CustomerAssignmentEntity } from './customer-assignment.entity';
import {
  type CustomerAssignmentView,
  type PortfolioTransferView,
  toAssignmentView,
} from './customer-assignment.views';

interface AssignmentRow {
  customerId: string;
  fromManagerId: string | null;
  toManagerId: string;
}

/** Who looks after a customer: single reassignments and whole-portfolio transfers. */
@Injectable()
export class CustomerAssignmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: CustomerChanges,
    private readonly managers: AccountManagerDirectory,
    private readonly audit: AuditTrail,
    private readonly snapshots: CustomerSnapshotPublisher,
  ) {}

  assign(scope: AccessScope, id: string, dto: AssignManagerDto): Promise<CustomerView> {
    return this.dataSource.transaction(async (tx) => {
      const customer = await this.changes.lock(tx, scope, id);
      const manager = await this.managers.requireActive(dto.managerId, 'managerId', tx);
      const before = toCustomerView(customer);
      if (customer.managerId === manager.id) return before;
      await this.recordAssignments(
        tx,
        scope,
        [{ customerId: customer.id, fromManagerId: customer.managerId, toManagerId: manager.id }],
        dto.reason ?? null,
        null,
      );
      customer.managerId = manager.id;
      customer.managerStaffId = manager.staffId;
      return this.changes.commit(tx, scope, 'customer.assign', before, customer);
    });
  }

  transfer(scope: AccessScope, dto: CreatePortfolioTransferDto): Promise<PortfolioTransferView> {
    if (dto.fromManagerId === dto.toManagerId) {
      throw new FieldValidationException([
        { field: 'toManagerId', message: 'must differ from fromManagerId' },
      ]);
    }
    return this.dataSource.transaction(async (tx) => {
      await this.managers.requireKnown(dto.fromManagerId, 'fromManagerId', tx);
      const to = await this.managers.requireActive(dto.toManagerId, 'toManagerId', tx);
      const qb = applyCustomerScope(tx.getRepository(CustomerEntity).createQueryBuilder('c'), scope)
        .andWhere('c.managerId = :from', { from: dto.fromManagerId })
        .orderBy('c.id')
        .setLock('pessimistic_write');
      if (dto.customerIds) qb.andWhere('c.id = ANY(:ids)', { ids: dto.customerIds });
      const customers = await qb.getMany();
      if (dto.customerIds && customers.length !== dto.customerIds.length) {
        const found = new Set(customers.map((c) => c.id));
        const missing = dto.customerIds.filter((c) => !found.has(c));
        throw new FieldValidationException([
          {
            field: 'customerIds',
            message: `not customers of fromManagerId: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
          },
        ]);
      }
      const transferId = uuidv7();
      const reason = dto.reason ?? null;
      if (customers.length > 0) {
        const befores = customers.map(toCustomerView);
        const now = new Date();
        await tx
          .createQueryBuilder()
          .update(CustomerEntity)
          .set({ managerId: to.id, managerStaffId: to.staffId, version: () => 'version + 1', updatedAt: now })
          .where('id = ANY(:ids)', { ids: customers.map((c) => c.id) })
          .execute();
        await this.recordAssignments(
          tx,
          scope,
          customers.map((c) => ({ customerId: c.id, fromManagerId: c.managerId, toManagerId: to.id })),
          reason,
          transferId,
        );
        // Mirror the UPDATE in memory rather than read every row back.
        for (const c of customers) {
          c.managerId = to.id;
          c.managerStaffId = to.staffId;
          c.version = (BigInt(c.version) + 1n).toString();
          c.updatedAt = now;
        }
        await this.audit.recordMany(
          tx,
          scope.principal,
          customers.map((c, i) => ({
            action: 'customer.transfer',
            resourceType: 'customer',
            resourceId: c.id,
            before: befores[i]!,
            after: toCustomerView(c),
          })),
        );
        await this.snapshots.publish(tx, customers);
      }
      return {
        id: transferId,
        fromManagerId: dto.fromManagerId,
        toManagerId: to.id,
        reason,
        moved: customers.length,
        customerIds: customers.map((c) => c.id),
      };
    });
  }

  async history(
    scope: AccessScope,
    id: string,
    page: PageQueryDto,
  ): Promise<{ items: CustomerAssignmentView[]; total: number }> {
    const customer = await findCustomerInScope(this.dataSource.manager, scope, id);
    const [rows, total] = await this.dataSource.getRepository(CustomerAssignmentEntity).findAndCount({
      where: { customerId: customer.id },
      order: { assignedAt: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: rows.map(toAssignmentView), total };
  }

  /** One INSERT for the whole list, whatever its size. */
  private async recordAssignments(
    tx: EntityManager,
    scope: AccessScope,
    rows: readonly AssignmentRow[],
    reason: string | null,
    transferId: string | null,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO customer_assignment
         (id, customer_id, from_manager_id, to_manager_id, reason, transfer_id, assigned_by, assigned_at)
       SELECT t.id, t.customer_id, t.from_manager_id, t.to_manager_id, $4, $5, $6, now()
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $7::uuid[])
         AS t(customer_id, from_manager_id, to_manager_id, id)`,
      [
        rows.map((r) => r.customerId),
        rows.map((r) => r.fromManagerId),
        rows.map((r) => r.toManagerId),
        reason,
        transferId,
        scope.principal.subject,
        rows.map(() => uuidv7()),
      ],
    );
  }
}
