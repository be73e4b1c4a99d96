import { Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { DataSource, type EntityManager } from 'typeorm';
import type { CustomerClass, CustomerGrade, CustomerStatus } from '../domain/customer-vocabulary';
import { CustomerEntity } from './customer.entity';
import { findCustomerInScope } from './find-customer';

/** What other capabilities need to know about a customer they attach records to. */
export interface CustomerRef {
  id: string;
  cityCode: string;
  name: string;
  status: CustomerStatus;
  managerId: string | null;
  managerStaffId: string | null;
  groupCode: string | null;
}

/**
 * Customer look-ups for other capabilities (contacts, agreements, visits, ...): they check that a
 * customer exists and is within the caller's reach without touching this lib's tables.
 */
@Injectable()
export class CustomerDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The customer, when it exists and the scope reaches it (for portfolio reach: it is assigned to
   * the caller). Otherwise 404, so that out-of-scope customers are not disclosed. `field` names
   * the request field the id came from, for the error message. Inside the caller's transaction
   * the row is share-locked, so the customer cannot change under the caller's new record.
   */
  async requireInScope(
    scope: AccessScope,
    customerId: string,
    field?: string,
    tx?: EntityManager,
  ): Promise<CustomerRef> {
    const found = await findCustomerInScope(tx ?? this.dataSource.manager, scope, customerId, {
      ...(field ? { field } : {}),
      ...(tx?.queryRunner?.isTransactionActive ? { lock: 'share' as const } : {}),
    });
    return {
      id: found.id,
      cityCode: found.cityCode,
      name: found.name,
      status: found.status,
      managerId: found.managerId,
      managerStaffId: found.managerStaffId,
      groupCode: found.groupCode,
    };
  }

  /**
   * The manager a customer is assigned to now, for work the node does on its own (no caller,
   * hence no scope): e.g. a renewal reminder goes to whoever holds the customer when it fires.
   */
  async currentManager(
    customerId: string,
    tx?: EntityManager,
  ): Promise<{ managerId: string; managerStaffId: string } | undefined> {
    const row = await (tx ?? this.dataSource.manager)
      .getRepository(CustomerEntity)
      .findOne({ select: { managerId: true, managerStaffId: true }, where: { id: customerId } });
    return row?.managerId && row.managerStaffId
      ? { managerId: row.managerId, managerStaffId: row.managerStaffId }
      : undefined;
  }

  /**
   * A customer's grade and classes, which decide the service it is promised (SLA targets, whom
   * a breach escalates to), for work the node does on its own: no scope applies.
   */
  async serviceProfile(
    customerId: string,
    tx?: EntityManager,
  ): Promise<{ grade: CustomerGrade; classes: CustomerClass[] } | undefined> {
    const row = await (tx ?? this.dataSource.manager)
      .getRepository(CustomerEntity)
      .findOne({ select: { grade: true, classes: true }, where: { id: customerId } });
    return row ? { grade: row.grade, classes: row.classes } : undefined;
  }

  /**
   * Which of `ids` are customers of this node, in one query, for work done on behalf of a system
   * rather than a person (e.g. a billing batch naming hundreds of customers): no scope applies.
   */
  async existingIds(ids: readonly string[], tx?: EntityManager): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await (tx ?? this.dataSource.manager)
      .getRepository(CustomerEntity)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.id = ANY(:ids)', { ids })
      .getRawMany<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Name, status and manager of each of `ids` that is a customer of this node, in one query, for
   * lists another capability builds over many customers (e.g. churn risks from usage).
   */
  async summariesOf(
    ids: readonly string[],
    tx?: EntityManager,
  ): Promise<Map<string, Pick<CustomerRef, 'id' | 'name' | 'status' | 'managerStaffId'>>> {
    if (ids.length === 0) return new Map();
    const rows = await (tx ?? this.dataSource.manager)
      .getRepository(CustomerEntity)
      .createQueryBuilder('c')
      .select(['c.id', 'c.name', 'c.status', 'c.managerStaffId'])
      .where('c.id = ANY(:ids)', { ids })
      .getMany();
    return new Map(
      rows.map((r) => [r.id, { id: r.id, name: r.name, status: r.status, managerStaffId: r.managerStaffId }]),
    );
  }

  /**
   * The ids of this city's customers by unified social credit code, for those of `codes` that
   * are registered, in one query (e.g. an import naming customers by their code).
   */
  async idsByCreditCode(codes: readonly string[], tx?: EntityManager): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await (tx ?? this.dataSource.manager)
      .getRepository(CustomerEntity)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect('c.creditCode', 'creditCode')
      .where('c.creditCode = ANY(:codes)', { codes })
      .getRawMany<{ id: string; creditCode: string }>();
    return new Map(rows.map((r) => [r.creditCode, r.id]));
  }

  /** Ids of the customers assigned to the manager with this staff id. */
  async portfolioCustomerIds(staffId: string, tx?: EntityManager): Promise<string[]> {
    const rows = await (tx ?? this.dataSource.manager)
      .getRepository(CustomerEntity)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.managerStaffId = :staffId', { staffId })
      .orderBy('c.id')
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}
