import { byCodePoints, type GroundTruth } from '@kaf/cli/billing/ground-truth';
import type { FederationFixture } from './federation-fixture';

interface Cell {
  customer_id: string;
  product: string;
  billing_month: string;
  revenue_fen: string;
  quantity: string;
  event_count: number;
}

/** Numeric text without trailing zeros: "1024.50" → "1024.5", "12.00" → "12". */
const plain = (n: string): string => (n.includes('.') ? n.replace(/\.?0+$/, '') : n);

/**
 * Fails unless every city of `truth` holds exactly the truth's monthly cells (customer × product ×
 * month: revenue to the fen, quantity, events in force) for the truth's customers, read from its
 * own database (a city's other customers may hold other loads' cells).
 */
export async function expectCellsEqualTruth(fed: FederationFixture, truth: GroundTruth): Promise<void> {
  for (const city of truth.toJSON().cities) {
    const expected = city.cells.map((c) => ({
      customer_id: c.customerId,
      product: c.product,
      billing_month: c.month,
      revenue_fen: c.revenueFen,
      quantity: c.quantity,
      event_count: c.eventCount,
    }));
    const customers = [...new Set(expected.map((c) => c.customer_id))];
    const actual = (
      await fed.sql<Cell>(
        city.city,
        `SELECT customer_id, product, billing_month, revenue_fen::text, quantity::text, event_count
           FROM billing_monthly_usage WHERE event_count <> 0 AND customer_id = ANY($1::uuid[])`,
        [customers],
      )
    )
      .map((c) => ({ ...c, quantity: plain(c.quantity) }))
      .sort(
        (a, b) =>
          byCodePoints(a.customer_id, b.customer_id) ||
          byCodePoints(a.product, b.product) ||
          byCodePoints(a.billing_month, b.billing_month),
      );
    expect({ city: city.city, cells: actual }).toEqual({ city: city.city, cells: expected });
  }
}
