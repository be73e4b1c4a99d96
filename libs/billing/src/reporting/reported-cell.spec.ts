import { CustomerUsageReportSchema } from '@kaf/contracts';
import { type ReportedCellRow, usageReportMessages } from './reported-cell';

const row = (customer: number, month: string, overrides: Partial<ReportedCellRow> = {}): ReportedCellRow => ({
  customer_id: `00000000-0000-7000-8000-${customer.toString().padStart(12, '0')}`,
  product: 'sd_wan',
  billing_month: month,
  revenue_fen: '9999999999999',
  quantity: '10.5',
  event_count: 3,
  version: '7',
  updated_at: new Date('2026-05-01T00:00:00Z'),
  ...overrides,
});

describe('usage report messages', () => {
  it('sends one message per month and chunk, keyed by city and month', () => {
    const rows = [...Array.from({ length: 5 }, (_, i) => row(i, '2026-05')), row(9, '2026-04')];
    const messages = usageReportMessages('440300', '440000', rows, 2);
    expect(messages.map((m) => [m.key, m.target, m.payload.cells.length])).toEqual([
      ['440300:2026-04', '440000', 1],
      ['440300:2026-05', '440000', 2],
      ['440300:2026-05', '440000', 2],
      ['440300:2026-05', '440000', 1],
    ]);
    expect(
      messages.every((m) => m.schema === CustomerUsageReportSchema && m.payload.cityCode === '440300'),
    ).toBe(true);
  });

  it('carries the figures exactly: fen as int64, quantity as a decimal string, the version', () => {
    const [message] = usageReportMessages(
      '440300',
      '440000',
      [row(1, '2026-05', { revenue_fen: '-4500' })],
      2000,
    );
    expect(message!.payload.cells[0]).toMatchObject({
      revenueFen: -4500n,
      quantity: '10.5',
      eventCount: 3,
      version: 7n,
      billingMonth: '2026-05',
    });
  });

  it('writes nothing for no cells', () => {
    expect(usageReportMessages('440300', '440000', [], 2000)).toEqual([]);
  });
});
