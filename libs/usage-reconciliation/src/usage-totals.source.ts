import { Inject, Injectable } from '@nestjs/common';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import type { EntityManager } from 'typeorm';
import { lineKey, type UsageFigures } from './compare-totals';

/**
 * What this node holds for its children, per city and month, in the shape children report:
 * a province sums its copy of the cities' cells; the national node reads its slice totals.
 */
@Injectable()
export class UsageTotalsSource {
  constructor(@Inject(NODE_IDENTITY) private readonly identity: NodeIdentity) {}

  /** Cells mean customer × product cells at the city and in the province's detail only. */
  get comparesCells(): boolean {
    return this.identity.tier === 'province';
  }

  async totals(
    tx: EntityManager,
    cities: readonly string[],
    months: readonly string[],
  ): Promise<Map<string, UsageFigures>> {
    const rows: {
      city_code: string;
      billing_month: string;
      revenue: string;
      events: string;
      cells: string | null;
    }[] = await tx.query(this.comparesCells ? PROVINCE_TOTALS : NATIONAL_TOTALS, [cities, months]);
    return new Map(
      rows.map((r) => [
        lineKey(r.city_code, r.billing_month),
        {
          revenueFen: BigInt(r.revenue),
          eventCount: BigInt(r.events),
          ...(r.cells === null ? {} : { cells: BigInt(r.cells) }),
        },
      ]),
    );
  }

  /**
   * Before a resync of differing lines is requested: a province gives up the versions of its
   * copy of those cities' cells in those months (version 0, below any a city issues), keeping the
   * figures until the re-sent cells replace them. A city re-sends its cells at their current
   * versions and the province ignores a version it already holds, so without this a cell altered
   * at the province (same version, other figures) would never be replaced. Cells the city does
   * not re-send keep their figures. The national node needs nothing: a province's rebuilt slices
   * always carry a new version. Returns the cells released.
   */
  async releaseForResync(
    tx: EntityManager,
    lines: readonly { city: string; month: string }[],
  ): Promise<number> {
    if (!this.comparesCells || lines.length === 0) return 0;
    // Rows locked in key order first, the order the reports' upserts take them in.
    const [row] = await tx.query<{ n: number }[]>(
      `WITH line AS (SELECT * FROM unnest($1::text[], $2::text[]) AS l(city_code, billing_month)),
       target AS (
         SELECT u.customer_id, u.product, u.billing_month
           FROM city_customer_usage u
           JOIN line l ON l.city_code = u.city_code AND l.billing_month = u.billing_month
          WHERE u.version > 0
          ORDER BY u.customer_id, u.product, u.billing_month
            FOR UPDATE OF u),
       released AS (
         UPDATE city_customer_usage u SET version = 0
           FROM target t
          WHERE u.customer_id = t.customer_id AND u.product = t.product AND u.billing_month = t.billing_month
         RETURNING 1)
       SELECT count(*)::int AS n FROM released`,
      [lines.map((l) => l.city), lines.map((l) => l.month)],
    );
    return row?.n ?? 0;
  }
}

const PROVINCE_TOTALS = `
  SELECT city_code, billing_month, sum(revenue_fen)::text AS revenue, sum(event_count)::text AS events,
         count(*) FILTER (WHERE event_count > 0)::text AS cells
    FROM city_customer_usage
   WHERE city_code = ANY($1::text[]) AND billing_month = ANY($2::text[])
   GROUP BY city_code, billing_month`;

const NATIONAL_TOTALS = `
  SELECT city_code, billing_month, revenue_fen::text AS revenue, event_count::text AS events, NULL AS cells
    FROM usage_slice
   WHERE city_code = ANY($1::text[]) AND billing_month = ANY($2::text[])`;
