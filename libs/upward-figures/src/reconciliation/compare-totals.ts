import { lineKey } from '../figure-cell';

/** One side's totals for one city and billing month, by name. */
export type Figures = Readonly<Record<string, bigint>>;

export interface TotalsDifference {
  city: string;
  month: string;
  /** What this node holds; null when it holds nothing for the line. */
  ours: Figures | null;
  /** What the child reported; null when it reported nothing for the line. */
  theirs: Figures | null;
}

export interface TotalsComparison {
  linesCompared: number;
  differences: TotalsDifference[];
}

/**
 * Compares every (city, month) line of a child's cities and the run's months on the `compared`
 * totals (those this node holds). A line or a total absent on one side counts as zero there, so
 * a month the child has and this node lacks (or the reverse) is a difference; a month neither
 * holds is equal.
 */
export function compareTotals(
  cities: readonly string[],
  months: readonly string[],
  ours: ReadonlyMap<string, Figures>,
  theirs: ReadonlyMap<string, Figures>,
  compared: readonly string[],
): TotalsComparison {
  const differences: TotalsDifference[] = [];
  for (const city of [...cities].sort()) {
    for (const month of [...months].sort()) {
      const key = lineKey(city, month);
      const a = ours.get(key) ?? null;
      const b = theirs.get(key) ?? null;
      if (compared.some((name) => (a?.[name] ?? 0n) !== (b?.[name] ?? 0n))) {
        differences.push({ city, month, ours: a && only(a, compared), theirs: b && only(b, compared) });
      }
    }
  }
  return { linesCompared: cities.length * months.length, differences };
}

/** The compared totals of a line, each present (zero when the side did not state it). */
function only(figures: Figures, compared: readonly string[]): Figures {
  return Object.fromEntries(compared.map((name) => [name, figures[name] ?? 0n]));
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
