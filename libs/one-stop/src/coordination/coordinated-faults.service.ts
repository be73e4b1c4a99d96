import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { DataSource } from 'typeorm';
import {
  type CoordinatedFaultTicketRow,
  type CoordinatedFaultTicketView,
  toCoordinatedFaultTicketView,
} from './coordinated-fault-ticket.view';
import { visibleCities } from './coordination-scope';
import type { ListCoordinatedFaultsQuery } from './list-coordinated-faults.query';

const SELECT = `SELECT f.ticket_id, f.version::text AS version, f.home_node, f.circuit_id, f.order_id, f.status,
                       f.severity, f.opened_at, f.restored_at, f.checks, f.changed_at
                  FROM coordinated_fault_ticket f JOIN coordinated_circuit_order o ON o.order_id = f.order_id`;

/**
 * The fault tickets on circuits of the orders this node coordinates, seen as the orders are: a
 * province's staff at the national node see those with an end in their province.
 */
@Injectable()
export class CoordinatedFaultsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async list(
    scope: AccessScope,
    query: ListCoordinatedFaultsQuery,
  ): Promise<{ items: CoordinatedFaultTicketView[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown): void => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    const cities = visibleCities(scope, this.identity);
    if (cities) add((p) => `(o.a_end_node = ANY(${p}::text[]) OR o.z_end_node = ANY(${p}::text[]))`, cities);
    if (query.status) add((p) => `f.status = ${p}`, query.status);
    if (query.orderId) add((p) => `f.order_id = ${p}`, query.orderId);
    if (query.circuitId) add((p) => `f.circuit_id = ${p}`, query.circuitId);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM coordinated_fault_ticket f
         JOIN coordinated_circuit_order o ON o.order_id = f.order_id ${clause}`,
      params,
    );
    const rows: CoordinatedFaultTicketRow[] = await this.dataSource.query(
      `${SELECT} ${clause} ORDER BY f.changed_at DESC, f.ticket_id LIMIT ${query.limit} OFFSET ${query.offset}`,
      params,
    );
    return { items: rows.map(toCoordinatedFaultTicketView), total: n };
  }

  /** The fault tickets of one coordinated order (already found within the caller's scope), newest first. */
  async ofOrder(orderId: string): Promise<CoordinatedFaultTicketView[]> {
    const rows: CoordinatedFaultTicketRow[] = await this.dataSource.query(
      `${SELECT} WHERE f.order_id = $1 ORDER BY f.opened_at DESC, f.ticket_id`,
      [orderId],
    );
    return rows.map(toCoordinatedFaultTicketView);
  }
}
