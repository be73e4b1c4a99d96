import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CircuitAction } from '../domain/circuit-actions';
import type { CircuitProduct } from '../domain/circuit-products';
import type { RegisteredCircuit } from './circuit-completed.admission';
import type { SettledCircuitState } from './list-settlement-circuits.query';
import type { SettlementCircuitRow, SettlementCircuitVersionRow } from './settlement-circuit.view';

/** A version to register, with what the circuit's row needs. */
export interface NewCircuitVersion {
  circuitId: string;
  version: number;
  orderId: string;
  action: CircuitAction;
  homeNode: string;
  customerId: string;
  product: string;
  bandwidthMbps: number;
  aEndNode: string;
  zEndNode: string;
  transitNode: string | null;
  aEndProvince: string;
  zEndProvince: string;
  monthlyChargeFen: bigint;
  oneTimeChargeFen: bigint;
  effectiveDate: string;
  completedAt: Date;
  circuitIds: string[];
}

/** What a run needs of a circuit to split its charge. */
export interface CircuitToSettle {
  circuit_id: string;
  product: CircuitProduct;
  a_end_province: string;
  z_end_province: string;
  transit_node: string | null;
}

export interface VersionTermsRow {
  circuit_id: string;
  version: number;
  action: CircuitAction;
  effective_date: string;
  monthly_charge_fen: string;
  order_id: string;
}

export interface CircuitFilter {
  /** Regions any of which settles the circuit (an end province or the transit node). */
  settledBy: readonly (readonly string[])[];
  customerId?: string;
  state?: SettledCircuitState;
}

const SUMMARY = `c.circuit_id, c.version, c.ceased_on::text AS ceased_on, c.order_id, c.home_node,
  c.customer_id, c.product, c.bandwidth_mbps, c.a_end_node, c.z_end_node, c.transit_node,
  c.a_end_province, c.z_end_province, c.monthly_charge_fen::text AS monthly_charge_fen,
  c.first_billing_month, c.received_at, c.changed_at`;

/** A region settles a circuit when it holds an end or carries the transit. */
const settledBy = (param: string) =>
  `(c.a_end_province = ANY(${param}::text[]) OR c.z_end_province = ANY(${param}::text[])
    OR c.transit_node = ANY(${param}::text[]))`;

/**
 * The national node's settled circuits (`one_stop_circuit`) and every version received
 * (`one_stop_circuit_version`): the statements on both tables.
 */
@Injectable()
export class OneStopCircuitRepository {
  /** The circuit's row, locked, with the version of its cease; undefined for an unknown circuit. */
  async lock(tx: EntityManager, circuitId: string): Promise<RegisteredCircuit | undefined> {
    const [row] = await tx.query<RegisteredCircuit[]>(
      `SELECT c.home_node, c.customer_id, c.product, c.a_end_node, c.z_end_node,
              (SELECT max(v.version) FROM one_stop_circuit_version v
                WHERE v.circuit_id = c.circuit_id AND v.action = 'delete') AS ceased_version
         FROM one_stop_circuit c WHERE c.circuit_id = $1 FOR UPDATE`,
      [circuitId],
    );
    return row;
  }

  async hasVersion(tx: EntityManager, circuitId: string, version: number): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      'SELECT 1 FROM one_stop_circuit_version WHERE circuit_id = $1 AND version = $2',
      [circuitId, version],
    );
    return rows.length > 0;
  }

  /**
   * Keeps the version, stamped with the clock now (after the settlement lock), and brings the
   * circuit's row along: created by the first version to arrive, then following the highest; its
   * first month is the earliest effective date of a version in service, its cease date the cease's.
   */
  async register(tx: EntityManager, v: NewCircuitVersion): Promise<void> {
    await tx.query(
      `INSERT INTO one_stop_circuit_version
         (circuit_id, version, order_id, action, bandwidth_mbps, a_end_node, z_end_node,
          monthly_charge_fen, one_time_charge_fen, effective_date, completed_at, circuit_ids, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, clock_timestamp())`,
      [
        v.circuitId,
        v.version,
        v.orderId,
        v.action,
        v.bandwidthMbps,
        v.aEndNode,
        v.zEndNode,
        v.monthlyChargeFen.toString(),
        v.oneTimeChargeFen.toString(),
        v.effectiveDate,
        v.completedAt,
        v.circuitIds,
      ],
    );
    const latest = (column: string) =>
      `${column} = CASE WHEN EXCLUDED.version > c.version THEN EXCLUDED.${column} ELSE c.${column} END`;
    const followed = [
      'order_id',
      'bandwidth_mbps',
      'monthly_charge_fen',
      'one_time_charge_fen',
      'completed_at',
    ];
    await tx.query(
      `INSERT INTO one_stop_circuit AS c
         (circuit_id, version, order_id, home_node, customer_id, product, bandwidth_mbps, a_end_node,
          z_end_node, transit_node, a_end_province, z_end_province, monthly_charge_fen,
          one_time_charge_fen, completed_at, first_billing_month, ceased_on, circuit_ids, received_at,
          changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, substr($16, 1, 7),
               CASE WHEN $17 = 'delete' THEN $16::date END, $18, clock_timestamp(), clock_timestamp())
       ON CONFLICT (circuit_id) DO UPDATE SET
         ${[...followed, 'circuit_ids'].map(latest).join(', ')},
         version = GREATEST(c.version, EXCLUDED.version),
         first_billing_month = CASE WHEN $17 = 'delete' THEN c.first_billing_month
                                    ELSE LEAST(c.first_billing_month, EXCLUDED.first_billing_month) END,
         ceased_on = COALESCE(EXCLUDED.ceased_on, c.ceased_on),
         changed_at = clock_timestamp()`,
      [
        v.circuitId,
        v.version,
        v.orderId,
        v.homeNode,
        v.customerId,
        v.product,
        v.bandwidthMbps,
        v.aEndNode,
        v.zEndNode,
        v.transitNode,
        v.aEndProvince,
        v.zEndProvince,
        v.monthlyChargeFen.toString(),
        v.oneTimeChargeFen.toString(),
        v.completedAt,
        v.effectiveDate,
        v.action,
        v.circuitIds,
      ],
    );
  }

  /** The first month any circuit is settled in, or null when there are none. */
  async firstBillingMonth(manager: EntityManager): Promise<string | null> {
    const [{ first }] = await manager.query<[{ first: string | null }]>(
      'SELECT min(first_billing_month) AS first FROM one_stop_circuit',
    );
    return first;
  }

  /**
   * Of `months`, those a version bears on (it took effect before the month ended) that was
   * received after the month's last run, or that were never run.
   */
  async monthsChangedSinceRun(manager: EntityManager, months: readonly string[]): Promise<string[]> {
    const rows: { month: string }[] = await manager.query(
      `SELECT m AS month
         FROM unnest($1::text[]) AS m
         LEFT JOIN LATERAL (SELECT max(r.created_at) AS at FROM one_stop_settlement_run r
                             WHERE r.billing_month = m) last_run ON true
        WHERE EXISTS (SELECT 1 FROM one_stop_circuit_version v
                       WHERE v.effective_date < (m || '-01')::date + interval '1 month'
                         AND (last_run.at IS NULL OR v.received_at > last_run.at))
        ORDER BY m`,
      [months],
    );
    return rows.map((r) => r.month);
  }

  /**
   * A page of the circuits a run of `month` looks at, by circuit id after `after`: those settled
   * from the month or earlier and not ceased before it, and any with records for it.
   */
  pageToSettle(tx: EntityManager, month: string, after: string, limit: number): Promise<CircuitToSettle[]> {
    return tx.query(
      `SELECT c.circuit_id, c.product, c.a_end_province, c.z_end_province, c.transit_node
         FROM one_stop_circuit c
        WHERE c.first_billing_month <= $1 AND c.circuit_id > $2
          AND (c.ceased_on IS NULL OR c.ceased_on >= ($1 || '-01')::date
               OR EXISTS (SELECT 1 FROM one_stop_settlement_record r
                           WHERE r.billing_month = $1 AND r.circuit_id = c.circuit_id))
        ORDER BY c.circuit_id
        LIMIT ${limit}`,
      [month, after],
    );
  }

  /** The versions of `circuitIds` in force by `lastDay` (later ones do not bear on the month). */
  versionsBy(tx: EntityManager, circuitIds: readonly string[], lastDay: string): Promise<VersionTermsRow[]> {
    return tx.query(
      `SELECT circuit_id, version, action, effective_date::text AS effective_date,
              monthly_charge_fen::text AS monthly_charge_fen, order_id
         FROM one_stop_circuit_version
        WHERE circuit_id = ANY($1::uuid[]) AND effective_date <= $2::date`,
      [circuitIds, lastDay],
    );
  }

  async list(
    manager: EntityManager,
    filter: CircuitFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: SettlementCircuitRow[]; total: number }> {
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const regions of filter.settledBy) {
      params.push([...regions]);
      parts.push(settledBy(`$${params.length}`));
    }
    if (filter.customerId) {
      params.push(filter.customerId);
      parts.push(`c.customer_id = $${params.length}`);
    }
    if (filter.state) parts.push(`c.ceased_on IS ${filter.state === 'ceased' ? 'NOT NULL' : 'NULL'}`);
    const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    const [{ n }] = await manager.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM one_stop_circuit c ${where}`,
      params,
    );
    const rows: SettlementCircuitRow[] = await manager.query(
      `SELECT ${SUMMARY} FROM one_stop_circuit c ${where}
        ORDER BY c.changed_at DESC, c.circuit_id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { rows, total: n };
  }

  /** One circuit, if a region of `regions` settles it (any, when undefined), with its versions. */
  async get(
    manager: EntityManager,
    circuitId: string,
    regions: readonly string[] | undefined,
  ): Promise<{ circuit: SettlementCircuitRow; versions: SettlementCircuitVersionRow[] } | undefined> {
    const [circuit] = await manager.query<SettlementCircuitRow[]>(
      `SELECT ${SUMMARY} FROM one_stop_circuit c
        WHERE c.circuit_id = $1 AND ($2::text[] IS NULL OR ${settledBy('$2')})`,
      [circuitId, regions ? [...regions] : null],
    );
    if (!circuit) return undefined;
    const versions: SettlementCircuitVersionRow[] = await manager.query(
      `SELECT version, order_id, action, bandwidth_mbps, a_end_node, z_end_node,
              monthly_charge_fen::text AS monthly_charge_fen, one_time_charge_fen::text AS one_time_charge_fen,
              effective_date::text AS effective_date, completed_at, circuit_ids, received_at
         FROM one_stop_circuit_version WHERE circuit_id = $1 ORDER BY version`,
      [circuitId],
    );
    return { circuit, versions };
  }
}
