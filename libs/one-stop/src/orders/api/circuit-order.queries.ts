import { Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { CustomerDirectory } from '@kaf/customers';
import { RaisedEscalations } from '@kaf/escalations';
import type { PageQueryDto } from '@kaf/platform';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { CircuitOrderStateChangeEntity } from '../circuit-order-state-change.entity';
import { CircuitOrderEntity } from '../circuit-order.entity';
import { CircuitSegmentEntity } from '../circuit-segment.entity';
import { type CircuitOrderStateChangeView, toStateChangeView } from './circuit-order-state-change.view';
import {
  type CircuitOrderSummaryView,
  type CircuitOrderView,
  toCircuitOrderSummary,
  toCircuitOrderView,
} from './circuit-order.view';
import type { ListCircuitOrdersQuery } from './list-circuit-orders.query';
import { NotFoundError } from '@kaf/platform';

export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * Reads of circuit orders within the caller's reach: orders of this city, and for an account
 * manager only those of the customers in their portfolio. Anything else is not found.
 */
@Injectable()
export class CircuitOrderQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerDirectory,
    private readonly escalations: RaisedEscalations,
  ) {}

  async list(scope: AccessScope, query: ListCircuitOrdersQuery): Promise<Page<CircuitOrderSummaryView>> {
    const qb = await this.scoped(this.dataSource.manager, scope);
    if (query.state) qb.andWhere('o.state = :state', { state: query.state });
    if (query.customerId) qb.andWhere('o.customer_id = :customerId', { customerId: query.customerId });
    if (query.product) qb.andWhere('o.product = :product', { product: query.product });
    if (query.action) qb.andWhere('o.action = :action', { action: query.action });
    if (query.circuitId) qb.andWhere('o.circuit_id = :circuitId', { circuitId: query.circuitId });
    const [rows, total] = await qb
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items: rows.map(toCircuitOrderSummary), total };
  }

  async get(scope: AccessScope, id: string): Promise<CircuitOrderView> {
    const manager = this.dataSource.manager;
    return this.viewOf(manager, await this.requireInScope(manager, scope, id));
  }

  async stateChanges(
    scope: AccessScope,
    id: string,
    page: PageQueryDto,
  ): Promise<Page<CircuitOrderStateChangeView>> {
    const manager = this.dataSource.manager;
    await this.requireInScope(manager, scope, id);
    const [rows, total] = await manager.getRepository(CircuitOrderStateChangeEntity).findAndCount({
      where: { orderId: id },
      order: { id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: rows.map(toStateChangeView), total };
  }

  /** The order when the scope reaches it, row-locked when `lock`; else 404. */
  async requireInScope(
    manager: EntityManager,
    scope: AccessScope,
    id: string,
    lock = false,
  ): Promise<CircuitOrderEntity> {
    const qb = (await this.scoped(manager, scope)).andWhere('o.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (!row) throw new NotFoundError(`no circuit order ${id}`);
    return row;
  }

  async viewOf(manager: EntityManager, order: CircuitOrderEntity): Promise<CircuitOrderView> {
    const segments = await manager
      .getRepository(CircuitSegmentEntity)
      .createQueryBuilder('s')
      .where('s.order_id = :id', { id: order.id })
      .orderBy(`array_position(ARRAY['a_end', 'z_end', 'transit'], s.role)`)
      .getMany();
    const escalations = (await this.escalations.ofCase(order.id, manager)).filter(
      (e) => e.subjectType === 'circuitSegment',
    );
    return toCircuitOrderView(order, segments, escalations);
  }

  private async scoped(
    manager: EntityManager,
    scope: AccessScope,
  ): Promise<SelectQueryBuilder<CircuitOrderEntity>> {
    const qb = manager
      .getRepository(CircuitOrderEntity)
      .createQueryBuilder('o')
      .where('o.home_node = ANY(:cities)', { cities: [...scope.cityCodes()] });
    if (scope.portfolioOf !== undefined) {
      const ids = await this.customers.portfolioCustomerIds(scope.portfolioOf, manager);
      qb.andWhere('o.customer_id = ANY(:ids)', { ids });
    }
    return qb;
  }
}
