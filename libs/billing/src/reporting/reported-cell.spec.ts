import { fromBinary } from '@bufbuild/protobuf';
import { CustomerUsageCellSchema } from '@kaf/contracts';
import { type ReportedCellRow, toOutgoingCell } from './reported-cell';

const row = (overrides: Partial<ReportedCellRow> = {}): ReportedCellRow => ({
  customer_id: '00000000-0000-7000-8000-000000000001',
  product: 'sd_wan',
  billing_month: '2026-05',
  revenue_fen: '9999999999999',
  quantity: '10.5',
  event_count: 3,
  version: '7',
  updated_at: new Date('2026-05-01T00:00:00Z'),
  ...overrides,
});

describe('a monthly cell as a usage cell for the province', () => {
  it('is placed by city, month and customer|product, at the cell version and change time', () => {
    const cell = toOutgoingCell('440300', row());
    expect(cell).toMatchObject({
      cityCode: '440300',
      billingMonth: '2026-05',
      key: '00000000-0000-7000-8000-000000000001|sd_wan',
      version: 7n,
      changedAt: new Date('2026-05-01T00:00:00Z'),
    });
  });

  it('carries the figures exactly: fen as int64, quantity as a decimal string', () => {
    const body = fromBinary(
      CustomerUsageCellSchema,
      toOutgoingCell('440300', row({ revenue_fen: '-4500' })).body,
    );
    expect(body).toMatchObject({
      customerId: '00000000-0000-7000-8000-000000000001',
      product: 'sd_wan',
      revenueFen: -4500n,
      quantity: '10.5',
      eventCount: 3,
    });
    const large = fromBinary(CustomerUsageCellSchema, toOutgoingCell('440300', row()).body);
    expect(large.revenueFen).toBe(9_999_999_999_999n);
  });
});
