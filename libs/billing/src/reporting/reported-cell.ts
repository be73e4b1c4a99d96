import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type CustomerUsageCell, CustomerUsageCellSchema, CustomerUsageReportSchema } from '@kaf/contracts';
import type { OutgoingMessage } from '@kaf/messaging';

/** A monthly cell as read for a report. Figures are strings as PostgreSQL hands them back. */
export interface ReportedCellRow {
  customer_id: string;
  product: string;
  billing_month: string;
  revenue_fen: string;
  quantity: string;
  event_count: number;
  version: string;
  updated_at: Date;
}

/**
 * One message per billing month and chunk of `perMessage` cells, keyed by city and month, so a
 * month's reports keep their order on one partition and a burst costs a handful of messages.
 */
export function usageReportMessages(
  cityCode: string,
  target: string,
  rows: readonly ReportedCellRow[],
  perMessage: number,
): OutgoingMessage<typeof CustomerUsageReportSchema>[] {
  const byMonth = new Map<string, CustomerUsageCell[]>();
  for (const row of rows) {
    const cells = byMonth.get(row.billing_month) ?? [];
    cells.push(toCell(row));
    byMonth.set(row.billing_month, cells);
  }
  const messages: OutgoingMessage<typeof CustomerUsageReportSchema>[] = [];
  for (const [month, cells] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
    for (let i = 0; i < cells.length; i += perMessage) {
      messages.push({
        schema: CustomerUsageReportSchema,
        payload: create(CustomerUsageReportSchema, { cityCode, cells: cells.slice(i, i + perMessage) }),
        target,
        key: `${cityCode}:${month}`,
      });
    }
  }
  return messages;
}

function toCell(row: ReportedCellRow): CustomerUsageCell {
  return create(CustomerUsageCellSchema, {
    customerId: row.customer_id,
    product: row.product,
    billingMonth: row.billing_month,
    revenueFen: BigInt(row.revenue_fen),
    quantity: row.quantity,
    eventCount: row.event_count,
    version: BigInt(row.version),
    changedAt: timestampFromDate(row.updated_at),
  });
}
