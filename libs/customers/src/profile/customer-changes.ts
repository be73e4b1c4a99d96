import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import type { EntityManager } from 'typeorm';
import { CustomerSnapshotPublisher } from '../snapshots/customer-snapshot.publisher';
import { CustomerEntity } from './customer.entity';
import { type CustomerView, toCustomerView } from './customer.view';
import { findCustomerInScope } from './find-customer';
import { ConflictError } from '@kaf/platform';

const UNIQUE_VIOLATION = '23505';
const CREDIT_CODE_KEY = 'customer_city_credit_code_key';

/**
 * The one write path of a customer: lock it within the caller's scope, then commit the change
 * with a new version, its audit entry and its upward snapshot, all in the caller's transaction.
 */
@Injectable()
export class CustomerChanges {
  constructor(
    private readonly audit: AuditTrail,
    private readonly snapshots: CustomerSnapshotPublisher,
  ) {}

  /** The customer, row-locked for this transaction; 404 when unknown or out of scope. */
  lock(tx: EntityManager, scope: AccessScope, id: string): Promise<CustomerEntity> {
    return findCustomerInScope(tx, scope, id, { lock: 'update' });
  }

  /** Saves a changed customer: version + 1, audit entry, snapshot upward. */
  async commit(
    tx: EntityManager,
    scope: AccessScope,
    action: string,
    before: CustomerView,
    customer: CustomerEntity,
    previousGroupCode?: string | null,
  ): Promise<CustomerView> {
    customer.version = (BigInt(customer.version) + 1n).toString();
    customer.updatedAt = new Date();
    const { id, ...changes } = customer;
    await tx.getRepository(CustomerEntity).update({ id }, changes);
    const after = toCustomerView(customer);
    await this.audit.record(tx, scope.principal, {
      action,
      resourceType: 'customer',
      resourceId: id,
      before,
      after,
    });
    await this.snapshots.publish(tx, [{ ...customer, previousGroupCode: previousGroupCode ?? null }]);
    return after;
  }

  /** 409 when another customer of this city already has the credit code. */
  async assertCreditCodeFree(
    tx: EntityManager,
    cityCode: string,
    creditCode: string,
    exceptId?: string,
  ): Promise<void> {
    const qb = tx
      .getRepository(CustomerEntity)
      .createQueryBuilder('c')
      .where('c.cityCode = :cityCode AND c.creditCode = :creditCode', { cityCode, creditCode });
    if (exceptId) qb.andWhere('c.id <> :exceptId', { exceptId });
    if (await qb.getExists()) throw duplicateCreditCode(creditCode);
  }
}

function duplicateCreditCode(creditCode: string): ConflictError {
  return new ConflictError(`creditCode ${creditCode} is already registered to a customer of this city`);
}

/** Turns the unique-index race (two writers passing the check at once) into the same 409. */
export function rethrowDuplicateCreditCode(error: unknown, creditCode: string | undefined): never {
  const driver = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  if (creditCode && driver?.code === UNIQUE_VIOLATION && driver.constraint === CREDIT_CODE_KEY) {
    throw duplicateCreditCode(creditCode);
  }
  throw error;
}
