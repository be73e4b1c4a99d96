import { GroundTruth } from './ground-truth';
import { compareRows, expectedViews } from './truth-check';

function aTruth(): GroundTruth {
  const t = new GroundTruth({
    seed: 's',
    source: 'b',
    door: 'rest',
    from: '2026-04',
    to: '2026-05',
    generatedAt: '',
  });
  t.addCity('440300', '440000');
  t.addCity('440100', '440000');
  t.addCity('330100', '330000');
  const e = (customerId: string, billingMonth: string, amountFen: bigint) => ({
    customerId,
    product: 'iot',
    billingMonth,
    amountFen,
    quantity: '1',
  });
  t.apply('440300', e('a', '2026-04', 9_007_199_254_740_993n), 1);
  t.apply('440300', e('a', '2026-05', -300n), 1);
  t.apply('440100', e('b', '2026-05', 1000n), 1);
  t.apply('330100', e('c', '2026-05', 250n), 1);
  t.apply('330100', e('c', '2026-05', 250n), -1); // corrected away: no figure left
  return t;
}

describe('truth check', () => {
  const views = expectedViews(aTruth());

  it('builds the national and province views from the cells', () => {
    expect(views.byProvinceMonth).toEqual(
      new Map([
        ['440000|2026-04', { revenueFen: 9_007_199_254_740_993n, eventCount: 1 }],
        ['440000|2026-05', { revenueFen: 700n, eventCount: 2 }],
      ]),
    );
    expect([...views.provinces.get('440000')!.keys()].sort()).toEqual([
      '440100|2026-05',
      '440300|2026-04',
      '440300|2026-05',
    ]);
  });

  it('accepts exact figures and names every difference, beyond 2^53 too', () => {
    const rows = [
      { city: '440300', month: '2026-04', revenueFen: '9007199254740993', eventCount: 1 },
      { city: '440300', month: '2026-05', revenueFen: '-300', eventCount: 1 },
      { city: '440100', month: '2026-05', revenueFen: '1000', eventCount: 1 },
    ];
    expect(compareRows('CN', ['city', 'month'], views.byCityMonth, rows)).toEqual([]);
    const off = [
      { ...rows[0], revenueFen: '9007199254740992' },
      rows[1]!,
      { city: '330100', month: '2026-05', revenueFen: '250', eventCount: 1 },
    ];
    expect(compareRows('CN', ['city', 'month'], views.byCityMonth, off)).toEqual([
      { where: 'CN city=330100 month=2026-05', what: 'revenueFen 250 (truth 0), eventCount 1 (truth 0)' },
      { where: 'CN city=440100 month=2026-05', what: 'missing (truth revenueFen 1000, eventCount 1)' },
      { where: 'CN city=440300 month=2026-04', what: 'revenueFen 9007199254740992 (truth 9007199254740993)' },
    ]);
  });
});
