import { byteSlices } from './outbox.relay';

const row = (n: number, size: number) => ({ n, envelope: Buffer.alloc(size) });

describe('cutting a relay batch into requests the broker takes', () => {
  it('keeps the rows in order, each run within the limit', () => {
    const rows = [row(1, 400), row(2, 400), row(3, 300), row(4, 100), row(5, 900)];
    expect(byteSlices(rows, 1000).map((s) => s.map((r) => r.n))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('sends a row larger than the limit on its own, and nothing for no rows', () => {
    expect(byteSlices([row(1, 10), row(2, 5000), row(3, 10)], 1000).map((s) => s.map((r) => r.n))).toEqual([
      [1],
      [2],
      [3],
    ]);
    expect(byteSlices([], 1000)).toEqual([]);
  });
});
