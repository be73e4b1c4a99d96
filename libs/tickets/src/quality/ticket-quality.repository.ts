import { Injectable } from '@nestjs/common';
import { countUnreported, type ReportedTable, takeUnreported } from '@kaf/upward-figures';
import { type ServiceQualityLine, serviceQualityFiguresOf } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import { QUALITY_LINES_SQL, QUALITY_MONTHS_SQL } from './quality-lines.sql';

const QUALITY_MONTH_TABLE: ReportedTable = { name: 'ticket_quality_month', key: ['billing_month'] };

/** A month as reported: its lines computed from the tickets, at the month's version. */
export interface QualityCellRow {
  billing_month: string;
  version: string;
  changed_at: Date;
  active_customers: number;
  lines: ServiceQualityLine[];
}

/** A month's lines and active customers, for totals and the city's own analytics. */
export interface QualityMonthRow {
  billing_month: string;
  active_customers: number;
  lines: ServiceQualityLine[];
}

type LineSqlRow = Record<string, string> & {
  billing_month: string;
  ticket_type: string;
  severity: string;
  grade: string;
};

/**
 * The city's service-quality months reported upward (`ticket_quality_month`) over its tickets,
 * set-based: a month's lines are always computed from the tickets when it is taken or totalled,
 * so the row holds only its version and the month's active customers.
 */
@Injectable()
export class TicketQualityRepository {
  /**
   * Raises the version of each month (a new month starts at 1) and takes the active customers
   * now, in the caller's transaction, in month order so that concurrent writers do not deadlock.
   */
  async markMonths(tx: EntityManager, months: readonly string[]): Promise<number> {
    if (months.length === 0) return 0;
    const rows = await tx.query<unknown[]>(
      `INSERT INTO ticket_quality_month AS q (billing_month, active_customers, version, changed_at)
       SELECT DISTINCT m, (SELECT count(*)::int FROM customer WHERE status = 'active'), 1, now()
         FROM unnest($1::text[]) AS m ORDER BY m
       ON CONFLICT (billing_month) DO UPDATE
         SET version = q.version + 1, active_customers = excluded.active_customers, changed_at = now()
       RETURNING 1`,
      [months],
    );
    return rows.length;
  }

  /**
   * Marks the months a change of the tickets may move a figure in: from each ticket's creation to
   * the latest of now, its restore target (a target moved by a pause leaves one month for another)
   * and its return visits' due times.
   */
  async markTickets(tx: EntityManager, ticketIds: readonly string[]): Promise<number> {
    if (ticketIds.length === 0) return 0;
    const rows = await tx.query<{ billing_month: string }[]>(
      `SELECT DISTINCT to_char(m, 'YYYY-MM') AS billing_month
         FROM trouble_ticket t
         CROSS JOIN LATERAL generate_series(
           date_trunc('month', t.created_at AT TIME ZONE 'Asia/Shanghai'),
           date_trunc('month', greatest(now(), t.expected_resolution_date,
             (SELECT max(v.due_at) FROM ticket_return_visit v WHERE v.ticket_id = t.id)) AT TIME ZONE 'Asia/Shanghai'),
           interval '1 month') AS m
        WHERE t.id = ANY($1::uuid[])`,
      [ticketIds],
    );
    return this.markMonths(
      tx,
      rows.map((r) => r.billing_month),
    );
  }

  /** A resync: the months named (none: every month with a ticket or reported before), at new versions. */
  async markForResync(tx: EntityManager, months: readonly string[]): Promise<number> {
    if (months.length > 0) return this.markMonths(tx, months);
    const rows = await tx.query<{ billing_month: string }[]>(
      `${QUALITY_MONTHS_SQL} UNION SELECT billing_month FROM ticket_quality_month`,
    );
    return this.markMonths(
      tx,
      rows.map((r) => r.billing_month),
    );
  }

  /** Takes up to `limit` waiting months, marked reported at the version read (see `takeUnreported`). */
  async take(tx: EntityManager, limit: number): Promise<QualityCellRow[]> {
    const taken = await takeUnreported<Omit<QualityCellRow, 'lines'>>(
      tx,
      QUALITY_MONTH_TABLE,
      'u.billing_month, u.version::text AS version, u.changed_at, u.active_customers',
      limit,
    );
    if (taken.length === 0) return [];
    const lines = await this.linesOf(
      tx,
      taken.map((t) => t.billing_month),
    );
    return taken.map((t) => ({ ...t, lines: lines.get(t.billing_month) ?? [] }));
  }

  backlog(tx: EntityManager): Promise<number> {
    return countUnreported(tx, QUALITY_MONTH_TABLE);
  }

  /** The months' lines and active customers: those with a ticket counted or reported before. */
  async totals(tx: EntityManager, months: readonly string[]): Promise<QualityMonthRow[]> {
    const [lines, marked] = await Promise.all([
      this.linesOf(tx, months),
      tx.query<{ billing_month: string; active_customers: number }[]>(
        `SELECT billing_month, active_customers FROM ticket_quality_month WHERE billing_month = ANY($1::text[])`,
        [months],
      ),
    ]);
    const active = new Map(marked.map((m) => [m.billing_month, m.active_customers]));
    return [...new Set([...lines.keys(), ...active.keys()])].sort().map((month) => ({
      billing_month: month,
      active_customers: active.get(month) ?? 0,
      lines: lines.get(month) ?? [],
    }));
  }

  /** Active customers now (the current month's base before its first mark). */
  async activeCustomersNow(tx: EntityManager): Promise<number> {
    const [row] = await tx.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM customer WHERE status = 'active'`,
    );
    return row?.n ?? 0;
  }

  private async linesOf(
    tx: EntityManager,
    months: readonly string[],
  ): Promise<Map<string, ServiceQualityLine[]>> {
    const rows = await tx.query<LineSqlRow[]>(QUALITY_LINES_SQL, [months]);
    const byMonth = new Map<string, ServiceQualityLine[]>();
    for (const row of rows) {
      const line = {
        ticketType: row.ticket_type,
        severity: row.severity,
        grade: row.grade,
        ...serviceQualityFiguresOf(row),
      };
      byMonth.set(row.billing_month, [...(byMonth.get(row.billing_month) ?? []), line]);
    }
    return byMonth;
  }
}
