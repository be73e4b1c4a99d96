import { Injectable } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { ServiceQualitySlice } from '@kaf/contracts';
import type { ReceivedCell, TotalsLine } from '@kaf/upward-figures';
import {
  SERVICE_QUALITY_COLUMNS,
  SERVICE_QUALITY_FIGURES,
  type ServiceQualityLine,
  serviceQualityFiguresOf,
  serviceQualityLineOf,
  serviceQualityMonthTotals,
} from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';

/** A city-month as kept: its lines and active customers. */
export interface KeptMonth {
  activeCustomers: number;
  lines: ServiceQualityLine[];
}

const COLUMNS = SERVICE_QUALITY_FIGURES.map((f) => SERVICE_QUALITY_COLUMNS[f]);

/**
 * The service-quality slices a parent keeps (`service_quality_slice` and its lines), the same at a
 * province and at CN: whole replacement at a higher version, set-based.
 */
@Injectable()
export class ServiceQualitySlicesRepository {
  /**
   * Keeps the cell when its version is above the one held, replacing its lines; true when it did.
   * The upsert locks the slice's row, so two writers of one city-month serialise.
   */
  async accept(
    tx: EntityManager,
    provinceCode: string,
    cell: ReceivedCell<ServiceQualitySlice>,
  ): Promise<boolean> {
    const kept = await tx.query<unknown[]>(
      `INSERT INTO service_quality_slice AS s
         (city_code, billing_month, province_code, version, active_customers, computed_at, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (city_code, billing_month) DO UPDATE SET
         province_code = excluded.province_code, version = excluded.version,
         active_customers = excluded.active_customers, computed_at = excluded.computed_at,
         received_at = excluded.received_at
       WHERE s.version < excluded.version
       RETURNING 1`,
      [
        cell.cityCode,
        cell.billingMonth,
        provinceCode,
        cell.version.toString(),
        cell.body.activeCustomers,
        cell.body.computedAt ? timestampDate(cell.body.computedAt) : null,
      ],
    );
    if (kept.length === 0) return false;
    await tx.query(`DELETE FROM service_quality_line WHERE city_code = $1 AND billing_month = $2`, [
      cell.cityCode,
      cell.billingMonth,
    ]);
    const lines = cell.body.lines.map(serviceQualityLineOf);
    if (lines.length > 0) {
      await tx.query(
        `INSERT INTO service_quality_line
           (city_code, billing_month, province_code, ticket_type, severity, grade, ${COLUMNS.join(', ')})
         SELECT $1, $2, $3, * FROM unnest($4::text[], $5::text[], $6::text[],
           ${COLUMNS.map((_, i) => `$${i + 7}::bigint[]`).join(', ')})`,
        [
          cell.cityCode,
          cell.billingMonth,
          provinceCode,
          lines.map((l) => l.ticketType),
          lines.map((l) => l.severity),
          lines.map((l) => l.grade),
          ...SERVICE_QUALITY_FIGURES.map((f) => lines.map((l) => l[f].toString())),
        ],
      );
    }
    return true;
  }

  /** The city-month as kept (no lines and no customers when nothing was received). */
  async kept(tx: EntityManager, cityCode: string, billingMonth: string): Promise<KeptMonth> {
    const [slice] = await tx.query<{ active_customers: number }[]>(
      `SELECT active_customers FROM service_quality_slice WHERE city_code = $1 AND billing_month = $2`,
      [cityCode, billingMonth],
    );
    const rows = await tx.query<
      (Record<string, string> & { ticket_type: string; severity: string; grade: string })[]
    >(
      `SELECT ticket_type, severity, grade, ${COLUMNS.map((c) => `${c}::text AS ${c}`).join(', ')}
         FROM service_quality_line WHERE city_code = $1 AND billing_month = $2
        ORDER BY ticket_type, severity, grade`,
      [cityCode, billingMonth],
    );
    return {
      activeCustomers: slice?.active_customers ?? 0,
      lines: rows.map((r) => ({
        ticketType: r.ticket_type,
        severity: r.severity,
        grade: r.grade,
        ...serviceQualityFiguresOf(r),
      })),
    };
  }

  /** The totals per city and month of what is kept, of the cities given (none: every city). */
  async totals(
    tx: EntityManager,
    cityCodes: readonly string[] | undefined,
    billingMonths: readonly string[],
  ): Promise<TotalsLine[]> {
    const rows = await tx.query<
      (Record<string, string> & {
        city_code: string;
        billing_month: string;
        ticket_type: string | null;
        severity: string;
        grade: string;
        active_customers: number;
      })[]
    >(
      `SELECT s.city_code, s.billing_month, s.active_customers, l.ticket_type, l.severity, l.grade,
              ${COLUMNS.map((c) => `l.${c}::text AS ${c}`).join(', ')}
         FROM service_quality_slice s
         LEFT JOIN service_quality_line l ON l.city_code = s.city_code AND l.billing_month = s.billing_month
        WHERE ($1::text[] IS NULL OR s.city_code = ANY($1::text[])) AND s.billing_month = ANY($2::text[])
        ORDER BY s.city_code, s.billing_month`,
      [cityCodes ?? null, billingMonths],
    );
    const months = new Map<
      string,
      { cityCode: string; billingMonth: string; active: number; lines: ServiceQualityLine[] }
    >();
    for (const r of rows) {
      const key = `${r.city_code}|${r.billing_month}`;
      const month = months.get(key) ?? {
        cityCode: r.city_code,
        billingMonth: r.billing_month,
        active: r.active_customers,
        lines: [],
      };
      months.set(key, month);
      if (r.ticket_type !== null) {
        month.lines.push({
          ticketType: r.ticket_type,
          severity: r.severity,
          grade: r.grade,
          ...serviceQualityFiguresOf(r),
        });
      }
    }
    return [...months.values()].map((m) => ({
      cityCode: m.cityCode,
      billingMonth: m.billingMonth,
      figures: serviceQualityMonthTotals(m.lines, BigInt(m.active)),
    }));
  }
}
