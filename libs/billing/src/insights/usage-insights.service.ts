import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { CustomerDirectory } from '@kaf/customers';
import { BILLING_POLICY_READER, type BillingPolicyReader } from '@kaf/billing-policy';
import { addMonths, billingMonthOf } from '@kaf/platform';
import { arpuFen, churnRiskOf, trailingAverageFen, valueClassOf } from '@kaf/usage-rules';
import { MonthlyUsageRepository } from '../monthly/monthly-usage.repository';
import type { ChurnRisksQuery, UsageInsightsQuery } from './usage-insights.query';
import type { ChurnRiskCustomerView, TrailingArpuView, UsageInsightsView } from './usage-insights.view';

/** A city customer's revenue signals under the billing policy, and the city's customers at risk. */
@Injectable()
export class UsageInsightsService {
  constructor(
    private readonly cells: MonthlyUsageRepository,
    private readonly customers: CustomerDirectory,
    @Inject(BILLING_POLICY_READER) private readonly policy: BillingPolicyReader,
  ) {}

  async forCustomer(
    scope: AccessScope,
    customerId: string,
    query: UsageInsightsQuery,
  ): Promise<UsageInsightsView> {
    const month = query.month ?? billingMonthOf(new Date());
    const customer = await this.customers.requireInScope(scope, customerId, 'customerId');
    const rows = await this.cells.customerMonths(customer.id, addMonths(month, -11), month);
    const byMonth = new Map(
      rows.map((r) => [r.billing_month, { revenue: BigInt(r.revenue), events: Number(r.events) }]),
    );
    const window = (months: number): TrailingArpuView => {
      const from = addMonths(month, -(months - 1));
      let revenue = 0n;
      let active = 0;
      for (let i = 0; i < months; i++) {
        const cell = byMonth.get(addMonths(from, i));
        if (!cell) continue;
        revenue += cell.revenue;
        if (cell.events > 0) active++;
      }
      return {
        from,
        to: month,
        revenueFen: revenue.toString(),
        customerMonths: active,
        arpuFen: arpuFen(revenue, BigInt(active)).toString(),
      };
    };
    let trailing = 0n;
    for (let i = 1; i <= 3; i++) trailing += byMonth.get(addMonths(month, -i))?.revenue ?? 0n;
    const current = byMonth.get(month) ?? { revenue: 0n, events: 0 };
    const policy = await this.policy.current();
    return {
      customerId: customer.id,
      month,
      status: customer.status,
      revenueFen: current.revenue.toString(),
      eventCount: current.events,
      valueClass: valueClassOf(current.revenue, policy),
      trailingThreeMonthAverageFen: trailingAverageFen(trailing).toString(),
      arpu3: window(3),
      arpu12: window(12),
      churnRisk: churnRiskOf({
        monthRevenueFen: current.revenue,
        trailingThreeMonthsFen: trailing,
        status: customer.status,
        policy,
      }),
      policyVersion: policy.version.toString(),
    };
  }

  /**
   * Customers of the city (an account manager: their portfolio) with usage in the month or the
   * three before it that are at risk in the month, the biggest trailing average first.
   */
  async churnRisks(
    scope: AccessScope,
    query: ChurnRisksQuery,
  ): Promise<{ items: ChurnRiskCustomerView[]; total: number }> {
    const month = query.month ?? billingMonthOf(new Date());
    const portfolio =
      scope.portfolioOf === undefined
        ? undefined
        : await this.customers.portfolioCustomerIds(scope.portfolioOf);
    const candidates = await this.cells.churnCandidates(addMonths(month, -3), month, portfolio);
    const [policy, summaries] = await Promise.all([
      this.policy.current(),
      this.customers.summariesOf(candidates.map((c) => c.customer_id)),
    ]);
    const atRisk: (ChurnRiskCustomerView & { trailing: bigint })[] = [];
    for (const c of candidates) {
      const customer = summaries.get(c.customer_id);
      if (!customer) continue;
      const monthRevenue = BigInt(c.month_revenue);
      const trailing = BigInt(c.trailing_revenue);
      const risk = churnRiskOf({
        monthRevenueFen: monthRevenue,
        trailingThreeMonthsFen: trailing,
        status: customer.status,
        policy,
      });
      if (!risk.atRisk) continue;
      atRisk.push({
        customerId: c.customer_id,
        name: customer.name,
        status: customer.status,
        managerStaffId: customer.managerStaffId,
        month,
        revenueFen: monthRevenue.toString(),
        trailingThreeMonthAverageFen: trailingAverageFen(trailing).toString(),
        valueClass: valueClassOf(monthRevenue, policy),
        reasons: risk.reasons,
        trailing,
      });
    }
    atRisk.sort((a, b) =>
      a.trailing === b.trailing ? a.customerId.localeCompare(b.customerId) : a.trailing > b.trailing ? -1 : 1,
    );
    return {
      total: atRisk.length,
      items: atRisk
        .slice(query.offset, query.offset + query.limit)
        .map(({ trailing: _trailing, ...view }) => view),
    };
  }
}
