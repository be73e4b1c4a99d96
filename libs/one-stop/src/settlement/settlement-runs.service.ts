import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope, Principal } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { uuidv7 } from '@kaf/messaging';
import {
  FieldValidationException,
  addMonths,
  billingMonthOf,
  monthsBetween,
  ConflictError,
  NotFoundError,
} from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { CircuitProduct } from '../domain/circuit-products';
import { settleCircuit, type SettlementLine } from '../domain/settlement-split';
import {
  ONE_STOP_POLICY_READER,
  type OneStopPolicy,
  type OneStopPolicyReader,
} from '../policy/one-stop-policy.reader';
import type { ListSettlementRunsQuery } from './list-settlement-runs.query';
import type { SettlementTrigger } from './settlement-run.entity';
import { type SettlementRunRow, type SettlementRunView, toSettlementRunView } from './settlement-run.view';
import { visibleRegions } from './settlement-scope';
import { SettlementMetrics } from './settlement.metrics';

/** Serialises runs on one database: two runs of a month never split the same circuit twice. */
const SETTLEMENT_LOCK = 0x6b617301;
/** Circuits read and settled per statement pair, well under PostgreSQL's parameter limits. */
const PAGE = 2000;

interface CircuitRow {
  order_id: string;
  product: CircuitProduct;
  a_end_province: string;
  z_end_province: string;
  transit_node: string | null;
  monthly_charge_fen: string;
}

/**
 * Monthly settlement runs at the national node (ADR 0022). A run of a month, in one transaction,
 * splits the monthly charge of every circuit in service that month (completed before the month
 * ends) that has no records for it yet. Records are never changed or deleted: a re-run only adds
 * the circuits that arrived since.
 */
@Injectable()
export class SettlementRunsService {
  private readonly logger = new Logger(SettlementRunsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly metrics: SettlementMetrics,
    @Inject(ONE_STOP_POLICY_READER) private readonly policies: OneStopPolicyReader,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async start(
    billingMonth: string,
    trigger: SettlementTrigger,
    principal?: Principal,
    now = new Date(),
  ): Promise<SettlementRunView> {
    const current = billingMonthOf(now);
    if (billingMonth > current) {
      throw new FieldValidationException([
        {
          field: 'billingMonth',
          message: `must be a finished month or the current one (${current}), not a later one`,
        },
      ]);
    }
    const policy = await this.policies.current();
    const { view, records } = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SETTLEMENT_LOCK]);
      const runId = uuidv7();
      await tx.query(
        `INSERT INTO one_stop_settlement_run (id, billing_month, trigger, requested_by, policy_version)
         VALUES ($1, $2, $3, $4, $5)`,
        [runId, billingMonth, trigger, principal?.subject ?? null, policy.version.toString()],
      );
      const written = await this.settleMonth(tx, runId, billingMonth, policy);
      const [row] = await this.runRows(tx, 'WHERE r.id = $1', [runId], undefined);
      const created = toSettlementRunView(row!, undefined);
      if (principal) {
        await this.audit.record(tx, principal, {
          action: 'settlement-run.create',
          resourceType: 'settlement-run',
          resourceId: runId,
          after: created,
        });
      }
      return { view: created, records: written };
    });
    this.metrics.records.inc({ trigger }, records);
    this.logger.log({
      msg: 'settlement run',
      runId: view.id,
      billingMonth,
      trigger,
      circuits: view.circuits,
      records,
    });
    return view;
  }

  /**
   * Settles every finished month that has a circuit in service without records for it: months
   * never run, and months run before a circuit of theirs arrived. Returns the runs made.
   */
  async settleFinishedMonths(now = new Date()): Promise<SettlementRunView[]> {
    const last = addMonths(billingMonthOf(now), -1);
    const [{ first }] = await this.dataSource.query<[{ first: string | null }]>(
      'SELECT min(first_billing_month) AS first FROM one_stop_circuit',
    );
    if (first === null || first > last) return [];
    const due: { month: string }[] = await this.dataSource.query(
      `SELECT m AS month FROM unnest($1::text[]) AS m
        WHERE EXISTS (SELECT 1 FROM one_stop_circuit c
                       WHERE c.first_billing_month <= m
                         AND NOT EXISTS (SELECT 1 FROM one_stop_settlement_record r
                                          WHERE r.billing_month = m AND r.order_id = c.order_id))
        ORDER BY m`,
      [monthsBetween(first, last)],
    );
    const runs: SettlementRunView[] = [];
    for (const { month } of due) runs.push(await this.start(month, 'scheduled', undefined, now));
    return runs;
  }

  async list(
    scope: AccessScope,
    query: ListSettlementRunsQuery,
  ): Promise<{ items: SettlementRunView[]; total: number }> {
    const regions = visibleRegions(scope, this.identity);
    const where = query.billingMonth ? 'WHERE r.billing_month = $1' : '';
    const params = query.billingMonth ? [query.billingMonth] : [];
    const [{ n }] = await this.dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM one_stop_settlement_run r ${where}`,
      params,
    );
    const rows = await this.runRows(
      this.dataSource.manager,
      `${where} ORDER BY r.created_at DESC, r.id DESC LIMIT ${query.limit} OFFSET ${query.offset}`,
      params,
      regions,
    );
    return { items: rows.map((r) => toSettlementRunView(r, regions)), total: n };
  }

  async get(scope: AccessScope, id: string): Promise<SettlementRunView> {
    const regions = visibleRegions(scope, this.identity);
    const [row] = await this.runRows(this.dataSource.manager, 'WHERE r.id = $1', [id], regions);
    if (!row) throw new NotFoundError(`no settlement run ${id}`);
    return toSettlementRunView(row, regions);
  }

  /** Writes the month's records of the circuits that have none, page by page; returns how many. */
  private async settleMonth(
    tx: EntityManager,
    runId: string,
    billingMonth: string,
    policy: OneStopPolicy,
  ): Promise<number> {
    let written = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const circuits: CircuitRow[] = await tx.query(
        `SELECT c.order_id, c.product, c.a_end_province, c.z_end_province, c.transit_node,
                c.monthly_charge_fen::text AS monthly_charge_fen
           FROM one_stop_circuit c
          WHERE c.first_billing_month <= $1 AND c.order_id > $2
            AND NOT EXISTS (SELECT 1 FROM one_stop_settlement_record r
                             WHERE r.billing_month = $1 AND r.order_id = c.order_id)
          ORDER BY c.order_id
          LIMIT ${PAGE}`,
        [billingMonth, after],
      );
      if (circuits.length === 0) break;
      const lines = circuits.flatMap((c) => this.linesOf(c, policy).map((line) => ({ circuit: c, line })));
      const inserted: unknown[] = await tx.query(
        `INSERT INTO one_stop_settlement_record
           (id, billing_month, order_id, role, region_code, share_bp, amount_fen, product, policy_version, run_id)
         SELECT id, $1, order_id, role, region_code, share_bp, amount_fen, product, $2, $3
           FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::int[], $9::bigint[], $10::text[])
             AS t(id, order_id, role, region_code, share_bp, amount_fen, product)
         ON CONFLICT (billing_month, order_id, role) DO NOTHING
         RETURNING id`,
        [
          billingMonth,
          policy.version.toString(),
          runId,
          lines.map(() => uuidv7()),
          lines.map((l) => l.circuit.order_id),
          lines.map((l) => l.line.role),
          lines.map((l) => l.line.regionCode),
          lines.map((l) => l.line.shareBp),
          lines.map((l) => l.line.amountFen.toString()),
          lines.map((l) => l.circuit.product),
        ],
      );
      written += inserted.length;
      if (circuits.length < PAGE) break;
      after = circuits[circuits.length - 1]!.order_id;
    }
    return written;
  }

  private linesOf(circuit: CircuitRow, policy: OneStopPolicy): SettlementLine[] {
    try {
      return settleCircuit(
        policy,
        {
          product: circuit.product,
          aEndProvince: circuit.a_end_province,
          zEndProvince: circuit.z_end_province,
          transitNode: circuit.transit_node ?? undefined,
        },
        BigInt(circuit.monthly_charge_fen),
      );
    } catch (error) {
      // A policy whose shares do not add up cannot settle anything; nothing of the run is kept.
      if (error instanceof RangeError) {
        throw new ConflictError(
          `one-stop policy version ${policy.version} cannot split a charge: ${error.message}`,
        );
      }
      throw error;
    }
  }

  /** Runs with their figures, counted over the regions the caller may see. */
  private runRows(
    manager: EntityManager,
    tail: string,
    params: unknown[],
    regions: readonly string[] | undefined,
  ): Promise<SettlementRunRow[]> {
    const regionParam = `$${params.length + 1}`;
    return manager.query(
      `SELECT r.id, r.billing_month, r.trigger, r.requested_by, r.policy_version::text AS policy_version,
              r.created_at, f.circuits, f.records, f.amount_fen
         FROM one_stop_settlement_run r
         CROSS JOIN LATERAL (
           SELECT count(DISTINCT s.order_id)::int AS circuits, count(*)::int AS records,
                  coalesce(sum(s.amount_fen), 0)::text AS amount_fen
             FROM one_stop_settlement_record s
            WHERE s.run_id = r.id AND (${regionParam}::text[] IS NULL OR s.region_code = ANY(${regionParam}::text[]))
         ) f
       ${tail}`,
      [...params, regions ? [...regions] : null],
    );
  }
}
