import { fromBinary } from '@bufbuild/protobuf';
import { CustomerArrearsCellSchema } from '@kaf/contracts';
import type { ArrearsCellRow } from './arrears-cells.repository';
import { toArrearsCell } from './city-arrears.source';

const row = (overrides: Partial<ArrearsCellRow> = {}): ArrearsCellRow => ({
  customer_id: '0190f5b2-7c1e-7000-8000-00000000000a',
  billing_month: '2026-05',
  up_to_30_fen: '120000',
  days_31_to_90_fen: '0',
  over_90_fen: '9007199254740993',
  not_due_fen: '5000',
  unallocated_fen: '300',
  accounts: '2',
  version: '4',
  changed_at: new Date('2026-05-31T16:00:00Z'),
  ...overrides,
});

describe("a city's customer-month as an arrears cell for the province", () => {
  it('is placed by city, month and customer, at the cell version and change time', () => {
    expect(toArrearsCell('440300', row())).toMatchObject({
      cityCode: '440300',
      billingMonth: '2026-05',
      key: '0190f5b2-7c1e-7000-8000-00000000000a',
      version: 4n,
      changedAt: new Date('2026-05-31T16:00:00Z'),
    });
  });

  it('carries every figure exactly, fen as int64', () => {
    expect(fromBinary(CustomerArrearsCellSchema, toArrearsCell('440300', row()).body)).toMatchObject({
      customerId: '0190f5b2-7c1e-7000-8000-00000000000a',
      upTo30Fen: 120_000n,
      days31To90Fen: 0n,
      over90Fen: 9_007_199_254_740_993n,
      notDueFen: 5000n,
      unallocatedFen: 300n,
      accounts: 2,
    });
  });

  it('is an empty cell when the customer has no account in the month any more', () => {
    const empty = row({
      up_to_30_fen: '0',
      over_90_fen: '0',
      not_due_fen: '0',
      unallocated_fen: '0',
      accounts: '0',
    });
    expect(fromBinary(CustomerArrearsCellSchema, toArrearsCell('440300', empty).body)).toMatchObject({
      upTo30Fen: 0n,
      over90Fen: 0n,
      accounts: 0,
    });
  });
});
