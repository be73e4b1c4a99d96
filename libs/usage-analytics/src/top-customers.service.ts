import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { ReportedCustomerDirectory } from '@kaf/customers';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { FieldValidationException, addMonths, ForbiddenError } from '@kaf/platform';
import { churnRiskOf, valueClassOf } from '@kaf/usage-rules';
import { DataSource } from 'typeorm';
import { BILLING_POLICY_READER, type BillingPolicyReader } from '@kaf/billing-policy';
import { UNKNOWN_ATTRIBUTE } from './analytics-vocabulary';
import { splitList } from '@kaf/platform';
import { resolveMonthRange } from '@kaf/platform';
import type { TopCustomersQuery } from './top-customers.query';
import type { TopCustomersView } from './top-customers.view';

interface RankedRow {
  customer_id: string;
  city_code: string;
  revenue: string;
  events: string;
  month_revenue: string;
  trailing_revenue: string;
}

/** A province's biggest customers by revenue, from its copy of the cities' monthly cells. */
@Injectable()
export class TopCustomersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: ReportedCustomerDirectory,
    @Inject(BILLING_POLICY_READER) private readonly policy: BillingPolicyReader,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  async top(scope: AccessScope, query: TopCustomersQuery): Promise<TopCustomersView> {
    // Named customers stay with the province's own staff and below: the national tier reads the
    // province's aggregates, never its list of customers (ADR 0009).
    if (this.topology.find(scope.principal.nodeCode)?.tier === 'national') {
      throw new ForbiddenError('a list of named customers is not served to national staff');
    }
    const { from, to } = resolveMonthRange(query, new Date(), 1);
    const cities = this.cities(scope, query.city);
    const onlyIds =
      query.industry !== undefined
        ? await this.customers.idsByIndustry(cities, splitList(query.industry))
        : undefined;
    const products = query.product !== undefined ? splitList(query.product) : undefined;
    const params: unknown[] = [from, to, cities, addMonths(to, -3), query.limit];
    const conditions = [`billing_month BETWEEN $1 AND $2`, `city_code = ANY($3::text[])`];
    if (products) conditions.push(`product = ANY($${params.push(products)}::text[])`);
    if (onlyIds) conditions.push(`customer_id = ANY($${params.push(onlyIds)}::uuid[])`);
    // Rank on the range (products asked), then judge the last month on all products.
    const rows = await this.dataSource.query<RankedRow[]>(
      `WITH ranked AS (
         SELECT customer_id, min(city_code) AS city_code, sum(revenue_fen) AS revenue, sum(event_count) AS events
           FROM city_customer_usage WHERE ${conditions.join(' AND ')}
          GROUP BY customer_id ORDER BY revenue DESC, customer_id LIMIT $5
       ), signals AS (
         SELECT u.customer_id,
                coalesce(sum(u.revenue_fen) FILTER (WHERE u.billing_month = $2), 0) AS month_revenue,
                coalesce(sum(u.revenue_fen) FILTER (WHERE u.billing_month < $2), 0) AS trailing_revenue
           FROM city_customer_usage u JOIN ranked r USING (customer_id)
          WHERE u.billing_month BETWEEN $4 AND $2
          GROUP BY u.customer_id
       )
       SELECT r.customer_id, r.city_code, r.revenue::text AS revenue, r.events::text AS events,
              coalesce(s.month_revenue, 0)::text AS month_revenue, coalesce(s.trailing_revenue, 0)::text AS trailing_revenue
         FROM ranked r LEFT JOIN signals s USING (customer_id)
        ORDER BY r.revenue DESC, r.customer_id`,
      params,
    );
    const [policy, attributes] = await Promise.all([
      this.policy.current(),
      this.customers.byIds(rows.map((r) => r.customer_id)),
    ]);
    return {
      from,
      to,
      customers: rows.map((r, i) => {
        const customer = attributes.get(r.customer_id);
        const monthRevenue = BigInt(r.month_revenue);
        return {
          rank: i + 1,
          customerId: r.customer_id,
          name: customer?.name ?? UNKNOWN_ATTRIBUTE,
          city: r.city_code,
          industry: customer?.industry ?? UNKNOWN_ATTRIBUTE,
          grade: customer?.grade ?? UNKNOWN_ATTRIBUTE,
          groupCode: customer?.groupCode ?? null,
          revenueFen: BigInt(r.revenue).toString(),
          eventCount: Number(r.events),
          monthRevenueFen: monthRevenue.toString(),
          valueClass: valueClassOf(monthRevenue, policy),
          churnRisk: churnRiskOf({
            monthRevenueFen: monthRevenue,
            trailingThreeMonthsFen: BigInt(r.trailing_revenue),
            status: customer?.status,
            policy,
          }),
        };
      }),
    };
  }

  /** The province's cities the caller reaches, narrowed to `city` when given (else a 400). */
  private cities(scope: AccessScope, city: string | undefined): string[] {
    const reach = this.topology
      .childrenOf(this.identity.code)
      .filter((c) => c.tier === 'city' && scope.covers(c.code))
      .map((c) => c.code);
    if (city === undefined) return reach;
    const asked = splitList(city);
    const outside = asked.find((c) => !reach.includes(c));
    if (outside !== undefined) {
      throw new FieldValidationException([
        { field: 'city', message: `${outside} is not a city within the reach of this node and caller` },
      ]);
    }
    return asked;
  }
}
