import { create, toBinary } from '@bufbuild/protobuf';
import { CustomerUsageCellSchema } from '@kaf/contracts';
import type { OutgoingCell } from '@kaf/upward-figures';
import { usageCellKey } from '@kaf/usage-rules';

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

/** A city's monthly cell as a cell of the usage measure, for its province. */
export function toOutgoingCell(cityCode: string, row: ReportedCellRow): OutgoingCell {
  return {
    cityCode,
    billingMonth: row.billing_month,
    key: usageCellKey(row.customer_id, row.product),
    version: BigInt(row.version),
    changedAt: row.updated_at,
    body: toBinary(
      CustomerUsageCellSchema,
      create(CustomerUsageCellSchema, {
        customerId: row.customer_id,
        product: row.product,
        revenueFen: BigInt(row.revenue_fen),
        quantity: row.quantity,
        eventCount: row.event_count,
      }),
    ),
  };
}
