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
  NotFoundError,
} from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { ONE_STOP_POLICY_READER, type OneStopPolicyReader } from '../policy/one-stop-policy.reader';
import type { ListSettlementRunsQuery } from './list-settlement-runs.query';
import { MonthSettlement } from './month-settlement';
import { OneStopCircuitRepository } from './one-stop-circuit.repository';
import type { SettlementTrigger } from './settlement-run.entity';
import { type SettlementRunRow, type SettlementRunView, toSettlementRunView } from './settlement-run.view';
import { SETTLEMENT_LOCK } from './settlement-lock';
import { visibleRegions } from './settlement-scope';
import { SettlementMetrics } from './settlement.metrics';

/**
 * Monthly settlement runs at the national node (ADR 0039). A run of a month, in one transaction
 * under the settlement lock, books for every circuit with a day in service that month (or booked
 * for it before) its day-prorated charge: the first time as charges, after that only the
 * differences, as corrections. Records are never changed or deleted.
 */
@Injectable()
export class SettlementRunsService {
  private readonly logger = new Logger(SettlementRunsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly metrics: SettlementMetrics,
    private readonly months: MonthSettlement,
    private readonly circuits: OneStopCircuitRepository,
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
        // The clock after the lock: versions received later than this are not in the run.
        `INSERT INTO one_stop_settlement_run (id, billing_month, trigger, requested_by, policy_version, created_at)
         VALUES ($1, $2, $3, $4, $5, clock_timestamp())`,
        [runId, billingMonth, trigger, principal?.subject ?? null, policy.version.toString()],
      );
      const written = await this.months.settle(tx, runId, billingMonth, policy);
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
   * Settles every finished month a version of a circuit bears on (it took effect before the
   * month ended) that arrived after the month's last run: months never run, months run before a
   * circuit of theirs arrived, and months a change or cease arrived for since (their corrections).
   * Returns the runs made.
   */
  async settleFinishedMonths(now = new Date()): Promise<SettlementRunView[]> {
    const last = addMonths(billingMonthOf(now), -1);
    const first = await this.circuits.firstBillingMonth(this.dataSource.manager);
    if (first === null || first > last) return [];
    const due = await this.circuits.monthsChangedSinceRun(
      this.dataSource.manager,
      monthsBetween(first, last),
    );
    const runs: SettlementRunView[] = [];
    for (const month of due) runs.push(await this.start(month, 'scheduled', undefined, now));
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
           SELECT count(DISTINCT s.circuit_id)::int AS circuits, count(*)::int AS records,
                  coalesce(sum(s.amount_fen), 0)::text AS amount_fen
             FROM one_stop_settlement_record s
            WHERE s.run_id = r.id AND (${regionParam}::text[] IS NULL OR s.region_code = ANY(${regionParam}::text[]))
         ) f
       ${tail}`,
      [...params, regions ? [...regions] : null],
    );
  }
}
