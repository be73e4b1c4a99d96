/** One side's figures for one city and billing month. */
export interface UsageFigures {
  revenueFen: bigint;
  eventCount: bigint;
  /** Customer × product cells with events; undefined where the tier does not hold that figure. */
  cells?: bigint;
}

export interface TotalsDifference {
  city: string;
  month: string;
  /** What this node holds; null when it holds nothing for the line. */
  ours: UsageFigures | null;
  /** What the child reported; null when it reported nothing for the line. */
  theirs: UsageFigures | null;
}

export interface TotalsComparison {
  linesCompared: number;
  differences: TotalsDifference[];
}

export const lineKey = (city: string, month: string): string => `${city}|${month}`;

const ZERO: UsageFigures = { revenueFen: 0n, eventCount: 0n, cells: 0n };

/**
 * Compares every (city, month) line of a child's cities and the run's months. A line absent on
 * one side counts as zero there, so a month the child has and this node lacks (or the reverse)
 * is a difference; a month neither holds is equal. Cells are compared only when `compareCells`
 * (both sides must mean the same thing by them).
 */
export function compareTotals(
  cities: readonly string[],
  months: readonly string[],
  ours: ReadonlyMap<string, UsageFigures>,
  theirs: ReadonlyMap<string, UsageFigures>,
  compareCells: boolean,
): TotalsComparison {
  const differences: TotalsDifference[] = [];
  for (const city of [...cities].sort()) {
    for (const month of [...months].sort()) {
      const key = lineKey(city, month);
      const a = ours.get(key) ?? null;
      const b = theirs.get(key) ?? null;
      if (!equal(a ?? ZERO, b ?? ZERO, compareCells)) differences.push({ city, month, ours: a, theirs: b });
    }
  }
  return { linesCompared: cities.length * months.length, differences };
}

function equal(a: UsageFigures, b: UsageFigures, compareCells: boolean): boolean {
  return (
    a.revenueFen === b.revenueFen &&
    a.eventCount === b.eventCount &&
    (!compareCells || (a.cells ?? 0n) === (b.cells ?? 0n))
  );
}

/** What to ask the child to send again: the months and cities of the differing lines. */
export function resyncScope(differences: readonly TotalsDifference[]): {
  months: string[];
  cities: string[];
} {
  return {
    months: [...new Set(differences.map((d) => d.month))].sort(),
    cities: [...new Set(differences.map((d) => d.city))].sort(),
  };
}
