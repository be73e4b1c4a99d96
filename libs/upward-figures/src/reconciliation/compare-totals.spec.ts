import { lineKey } from '../figure-cell';
import { compareTotals, type Figures, resyncScope } from './compare-totals';

const USAGE = ['revenueFen', 'eventCount', 'cells'];
const figures = (revenueFen: bigint, eventCount: bigint, cells?: bigint): Figures => ({
  revenueFen,
  eventCount,
  ...(cells === undefined ? {} : { cells }),
});

describe('comparing totals with a child', () => {
  const months = ['2026-04', '2026-05'];

  it('finds no difference when every line agrees, and counts every city × month line', () => {
    const ours = new Map([[lineKey('440300', '2026-05'), figures(123_456n, 7n, 3n)]]);
    const theirs = new Map([[lineKey('440300', '2026-05'), figures(123_456n, 7n, 3n)]]);
    expect(compareTotals(['440300'], months, ours, theirs, USAGE)).toEqual({
      linesCompared: 2,
      differences: [],
    });
  });

  it('reports a differing total to the fen and a line missing on either side', () => {
    const ours = new Map([
      [lineKey('440300', '2026-05'), figures(123_455n, 7n, 3n)],
      [lineKey('440100', '2026-04'), figures(10n, 1n, 1n)],
    ]);
    const theirs = new Map([
      [lineKey('440300', '2026-05'), figures(123_456n, 7n, 3n)],
      [lineKey('440300', '2026-04'), figures(500n, 2n, 1n)],
    ]);
    const { linesCompared, differences } = compareTotals(['440300', '440100'], months, ours, theirs, USAGE);
    expect(linesCompared).toBe(4);
    expect(differences).toEqual([
      { city: '440100', month: '2026-04', ours: figures(10n, 1n, 1n), theirs: null },
      { city: '440300', month: '2026-04', ours: null, theirs: figures(500n, 2n, 1n) },
      {
        city: '440300',
        month: '2026-05',
        ours: figures(123_455n, 7n, 3n),
        theirs: figures(123_456n, 7n, 3n),
      },
    ]);
    expect(resyncScope(differences)).toEqual({
      months: ['2026-04', '2026-05'],
      cities: ['440100', '440300'],
    });
  });

  it('treats an explicit zero line as equal to none, and compares only the totals this node holds', () => {
    const ours = new Map([[lineKey('440300', '2026-05'), figures(900n, 4n)]]);
    const theirs = new Map([
      [lineKey('440300', '2026-04'), figures(0n, 0n, 0n)],
      [lineKey('440300', '2026-05'), figures(900n, 4n, 9n)],
    ]);
    expect(compareTotals(['440300'], months, ours, theirs, ['revenueFen', 'eventCount']).differences).toEqual(
      [],
    );
    const [difference] = compareTotals(['440300'], months, ours, theirs, USAGE).differences;
    expect(difference).toEqual({
      city: '440300',
      month: '2026-05',
      ours: figures(900n, 4n, 0n),
      theirs: figures(900n, 4n, 9n),
    });
  });

  it('keeps only the compared totals of a differing line', () => {
    const ours = new Map([[lineKey('440300', '2026-05'), figures(1n, 4n, 2n)]]);
    const theirs = new Map([[lineKey('440300', '2026-05'), figures(2n, 4n, 9n)]]);
    const [difference] = compareTotals(['440300'], ['2026-05'], ours, theirs, ['revenueFen']).differences;
    expect(difference).toEqual({
      city: '440300',
      month: '2026-05',
      ours: { revenueFen: 1n },
      theirs: { revenueFen: 2n },
    });
  });
});
