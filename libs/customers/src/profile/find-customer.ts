import type { AccessScope } from '@kaf/auth';
import type { EntityManager } from 'typeorm';
import { applyCustomerScope } from '../query/customer-query';
import { CustomerEntity } from './customer.entity';
import { NotFoundError } from '@kaf/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The customer `id` when the scope reaches it, else a 404 (a malformed id is simply unknown).
 * `lock` row-locks it (exclusive or shared) for the rest of the caller's transaction.
 */
export async function findCustomerInScope(
  manager: EntityManager,
  scope: AccessScope,
  id: string,
  options: { lock?: 'update' | 'share'; field?: string } = {},
): Promise<CustomerEntity> {
  let customer: CustomerEntity | null = null;
  if (UUID.test(id)) {
    const qb = applyCustomerScope(
      manager.getRepository(CustomerEntity).createQueryBuilder('c'),
      scope,
    ).andWhere('c.id = :id', { id });
    if (options.lock) qb.setLock(options.lock === 'update' ? 'pessimistic_write' : 'pessimistic_read');
    customer = await qb.getOne();
  }
  if (!customer) {
    const prefix = options.field ? `${options.field}: ` : '';
    throw new NotFoundError(`${prefix}customer ${id} not found`);
  }
  return customer;
}
