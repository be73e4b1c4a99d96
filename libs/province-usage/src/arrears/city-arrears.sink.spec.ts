import { create } from '@bufbuild/protobuf';
import { type CustomerArrearsCell, CustomerArrearsCellSchema } from '@kaf/contracts';
import type { ReceivedCell } from '@kaf/upward-figures';
import { arrearsCellRefusal } from './city-arrears.sink';

const CUSTOMER = '0190f5b2-7c1e-7000-8000-00000000000a';

const cell = (
  body: Partial<CustomerArrearsCell> = {},
  key = CUSTOMER,
): ReceivedCell<CustomerArrearsCell> => ({
  cityCode: '440300',
  billingMonth: '2026-05',
  key,
  version: 3n,
  changedAt: new Date('2026-05-31T16:00:00Z'),
  body: create(CustomerArrearsCellSchema, {
    customerId: CUSTOMER,
    upTo30Fen: 10_000n,
    days31To90Fen: 0n,
    over90Fen: 0n,
    notDueFen: 5_000n,
    unallocatedFen: 0n,
    accounts: 2,
    ...body,
  }),
});

describe("the province's check of a city's arrears cell", () => {
  it('admits a cell keyed by its customer, in either case, and an emptied cell', () => {
    expect(arrearsCellRefusal(cell())).toBeUndefined();
    expect(arrearsCellRefusal(cell({}, CUSTOMER.toUpperCase()))).toBeUndefined();
    expect(arrearsCellRefusal(cell({ upTo30Fen: 0n, notDueFen: 0n, accounts: 0 }))).toBeUndefined();
  });

  it("refuses a malformed customer or a key that is not the body's customer", () => {
    expect(arrearsCellRefusal(cell({ customerId: 'not-a-uuid' }, 'not-a-uuid'))).toBe(
      'malformed customer id',
    );
    expect(arrearsCellRefusal(cell({}, '0190f5b2-7c1e-7000-8000-00000000000b'))).toBe(
      "the key is not the body's customer id",
    );
  });

  it('refuses a negative position in any band, what is not due or the credit', () => {
    for (const band of ['upTo30Fen', 'days31To90Fen', 'over90Fen', 'notDueFen', 'unallocatedFen'] as const) {
      expect(arrearsCellRefusal(cell({ [band]: -1n }))).toBe(`${band} is negative`);
    }
  });

  it('refuses an account count the copy cannot hold', () => {
    expect(arrearsCellRefusal(cell({ accounts: 2 ** 31 }))).toBe('accounts out of range');
  });
});
