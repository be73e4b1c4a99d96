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
