import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { CustomerResyncRequestSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
import { FieldValidationException, NotFoundError } from '@kaf/platform';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { applyListFilters } from '../query/customer-query';
import { parseFields, parseSort, pickFields } from '../query/list-options';
import type { CustomerResyncView, ListReportedCustomersQuery } from './customer-reports.dto';
import { ReportedCustomerEntity } from './reported-customer.entity';
import {
  REPORTED_CUSTOMER_VIEW_FIELDS,
  type ReportedCustomerView,
  toReportedCustomerView,
} from './reported-customer.view';

const SORTS = { name: 'c.name', updatedAt: 'c.updatedAt', grade: 'c.grade', cityCode: 'c.cityCode' };
const DEFAULT_SORT = [{ path: 'c.updatedAt', direction: 'DESC' as const }];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The province's read-only view of its cities' customers, and resync requests to them. */
@Injectable()
export class CustomerReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  async list(
    scope: AccessScope,
    query: ListReportedCustomersQuery,
  ): Promise<{ items: Partial<ReportedCustomerView>[]; total: number }> {
    const sort = parseSort(query.sort, SORTS, DEFAULT_SORT);
    const fields = parseFields(query.fields, REPORTED_CUSTOMER_VIEW_FIELDS);
    const qb = applyListFilters(this.scoped(scope), query);
    if (query.cityCode) qb.andWhere('c.cityCode = :cityCode', { cityCode: query.cityCode });
    sort.forEach((s, i) => (i === 0 ? qb.orderBy(s.path, s.direction) : qb.addOrderBy(s.path, s.direction)));
    const [rows, total] = await qb
      .addOrderBy('c.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset)
      .getManyAndCount();
    return { items: rows.map((r) => pickFields(toReportedCustomerView(r), fields)), total };
  }

  async get(scope: AccessScope, id: string): Promise<ReportedCustomerView> {
    const row = UUID.test(id) ? await this.scoped(scope).andWhere('c.id = :id', { id }).getOne() : null;
    if (!row) throw new NotFoundError(`customer ${id} not found`);
    return toReportedCustomerView(row);
  }

  /** Sends a `CustomerResyncRequest` to one of this province's cities within the caller's reach. */
  resync(scope: AccessScope, cityCode: string): Promise<CustomerResyncView> {
    const city = this.topology.find(cityCode);
    if (!city || city.tier !== 'city' || city.parent !== this.identity.code || !scope.covers(cityCode)) {
      throw new FieldValidationException([
        { field: 'cityCode', message: `${cityCode} is not a city of ${this.identity.code}` },
      ]);
    }
    return this.dataSource.transaction(async (tx) => {
      const written = await this.outbox.write(tx, {
        schema: CustomerResyncRequestSchema,
        payload: create(CustomerResyncRequestSchema, { requestedBy: this.identity.code }),
        target: cityCode,
        key: cityCode,
      });
      const view: CustomerResyncView = {
        cityCode,
        messageId: written.id,
        requestedAt: new Date().toISOString(),
      };
      await this.audit.record(tx, scope.principal, {
        action: 'customer.resync-request',
        resourceType: 'customer-resync',
        resourceId: cityCode,
        after: view,
      });
      return view;
    });
  }

  /** Rows of the cities the principal reaches; for portfolio reach, the caller's customers only. */
  private scoped(scope: AccessScope): SelectQueryBuilder<ReportedCustomerEntity> {
    const qb = this.dataSource.getRepository(ReportedCustomerEntity).createQueryBuilder('c');
    const cities = scope.cityCodes();
    if (cities.length === 0) return qb.andWhere('1 = 0');
    qb.andWhere('c.cityCode IN (:...scopeCities)', { scopeCities: [...cities] });
    const staffId = scope.portfolioOf;
    return staffId === undefined ? qb : qb.andWhere('c.managerStaffId = :staffId', { staffId });
  }
}
