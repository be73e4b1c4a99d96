import { type BookedRole, bookingsFor } from './settlement-bookings';
import type { RoleShare } from './settlement-split';

const shares: RoleShare[] = [
  { role: 'a_end', regionCode: '440000', shareBp: 4500 },
  { role: 'z_end', regionCode: '330000', shareBp: 4500 },
  { role: 'transit', regionCode: 'CN', shareBp: 1000 },
];
const booked = (amounts: bigint[], lastSeq = 1, bp = [4500, 4500, 1000]): BookedRole[] =>
  shares.map((s, i) => ({ ...s, shareBp: bp[i]!, amountFen: amounts[i]!, lastSeq }));
const view = (bs: ReturnType<typeof bookingsFor>) =>
  bs.map((b) => [b.kind, b.seq, b.role, b.amountFen.toString()]);

describe('bookingsFor', () => {
  it('books a first charge per role, by largest remainder', () => {
    expect(view(bookingsFor(866_667n, true, shares, []))).toEqual([
      ['charge', 1, 'a_end', '390000'],
      ['charge', 1, 'z_end', '390000'],
      ['charge', 1, 'transit', '86667'],
    ]);
  });

  it('books nothing for a month without a counted day and nothing booked', () => {
    expect(bookingsFor(0n, false, shares, [])).toEqual([]);
    // A month in service at 0 fen is booked, at 0.
    expect(view(bookingsFor(0n, true, shares, []))).toEqual([
      ['charge', 1, 'a_end', '0'],
      ['charge', 1, 'z_end', '0'],
      ['charge', 1, 'transit', '0'],
    ]);
  });

  it('books nothing again when nothing changed', () => {
    expect(bookingsFor(866_667n, true, shares, booked([390_000n, 390_000n, 86_667n]))).toEqual([]);
  });

  it('books the difference per role as corrections, possibly negative, summing to the charge', () => {
    // Booked at 1,000,000 for the whole month; a late change makes it 866,667: due 390,001 /
    // 390,000 / 86,666 against 450,000 / 450,000 / 100,000.
    const corrections = bookingsFor(866_667n, true, shares, booked([450_000n, 450_000n, 100_000n], 2));
    expect(view(corrections)).toEqual([
      ['correction', 3, 'a_end', '-60000'],
      ['correction', 3, 'z_end', '-60000'],
      ['correction', 3, 'transit', '-13333'],
    ]);
    const total = 1_000_000n + corrections.reduce((s, b) => s + b.amountFen, 0n);
    expect(total).toBe(866_667n);
    // Only the roles whose due changed get a row.
    expect(view(bookingsFor(1_000_001n, true, shares, booked([450_000n, 450_000n, 100_000n])))).toEqual([
      ['correction', 2, 'a_end', '1'],
    ]);
  });

  it('keeps the shares a month was booked with, whatever the policy says now', () => {
    const held = booked([500n, 500n, 0n], 1, [5000, 5000, 0]);
    expect(view(bookingsFor(2_000n, true, shares, held))).toEqual([
      ['correction', 2, 'a_end', '500'],
      ['correction', 2, 'z_end', '500'],
    ]);
  });

  it('takes a ceased month back to zero', () => {
    expect(view(bookingsFor(0n, false, shares, booked([450_000n, 450_000n, 100_000n])))).toEqual([
      ['correction', 2, 'a_end', '-450000'],
      ['correction', 2, 'z_end', '-450000'],
      ['correction', 2, 'transit', '-100000'],
    ]);
  });
});
