import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { NotFoundError } from '@kaf/platform';
import { DataSource } from 'typeorm';
import type { ListSettlementCircuitsQuery } from './list-settlement-circuits.query';
import {
  type SettlementCircuitDetailView,
  type SettlementCircuitRow,
  type SettlementCircuitVersionRow,
  type SettlementCircuitView,
  toSettlementCircuitVersionView,
  toSettlementCircuitView,
} from './settlement-circuit.view';
import { visibleRegions } from './settlement-scope';

const COLUMNS = `c.circuit_id, c.version, c.ceased_on::text AS ceased_on, c.order_id, c.home_node,
  c.customer_id, c.product, c.bandwidth_mbps, c.a_end_node, c.z_end_node, c.transit_node,
  c.a_end_province, c.z_end_province, c.monthly_charge_fen::text AS monthly_charge_fen,
  c.first_billing_month, c.received_at, c.changed_at`;

/** A region settles a circuit when it holds an end or carries the transit. */
const SETTLED_BY = (param: string) =>
  `(c.a_end_province = ANY(${param}::text[]) OR c.z_end_province = ANY(${param}::text[])
    OR c.transit_node = ANY(${param}::text[]))`;

/** Settled circuits and their versions, for the regions the caller may see. */
@Injectable()
export class SettlementCircuitsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async list(
    scope: AccessScope,
    query: ListSettlementCircuitsQuery,
  ): Promise<{ items: SettlementCircuitView[]; total: number }> {
    const parts: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (param: string) => string, value: unknown) => {
      params.push(value);
      parts.push(sql(`$${params.length}`));
    };
    const regions = visibleRegions(scope, this.identity);
    if (regions) add(SETTLED_BY, [...regions]);
    if (query.regionCode) add(SETTLED_BY, [query.regionCode]);
    if (query.customerId) add((p) => `c.customer_id = ${p}`, query.customerId);
    if (query.state) parts.push(query.state === 'ceased' ? 'c.ceased_on IS NOT NULL' : 'c.ceased_on IS NULL');
    const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    const [{ n }] = await this.dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM one_stop_circuit c ${where}`,
      params,
    );
    const rows: SettlementCircuitRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM one_stop_circuit c ${where}
        ORDER BY c.changed_at DESC, c.circuit_id LIMIT ${query.limit} OFFSET ${query.offset}`,
      params,
    );
    return { items: rows.map(toSettlementCircuitView), total: n };
  }

  async get(scope: AccessScope, circuitId: string): Promise<SettlementCircuitDetailView> {
    const regions = visibleRegions(scope, this.identity);
    const [row] = await this.dataSource.query<SettlementCircuitRow[]>(
      `SELECT ${COLUMNS} FROM one_stop_circuit c
        WHERE c.circuit_id = $1 AND ($2::text[] IS NULL OR ${SETTLED_BY('$2')})`,
      [circuitId, regions ? [...regions] : null],
    );
    if (!row) throw new NotFoundError(`no settled circuit ${circuitId}`);
    const versions: SettlementCircuitVersionRow[] = await this.dataSource.query(
      `SELECT version, order_id, action, bandwidth_mbps, a_end_node, z_end_node,
              monthly_charge_fen::text AS monthly_charge_fen, one_time_charge_fen::text AS one_time_charge_fen,
              effective_date::text AS effective_date, completed_at, circuit_ids, received_at
         FROM one_stop_circuit_version WHERE circuit_id = $1 ORDER BY version`,
      [circuitId],
    );
    return { ...toSettlementCircuitView(row), versions: versions.map(toSettlementCircuitVersionView) };
  }
}
