/** Where a cell sits: a city and a billing month, and the measure's key within them. */
export interface CellPlace {
  cityCode: string;
  billingMonth: string;
  /** The cell within the city and month ("" for a measure with one cell per city and month). */
  key: string;
}

/** A cell as the reporting child hands it over: the body already encoded with its message. */
export interface OutgoingCell extends CellPlace {
  version: bigint;
  changedAt: Date;
  body: Uint8Array;
}

/** A cell as the parent's sink receives it: checked, the highest version of its place in the message, the body decoded. */
export interface ReceivedCell<Body> extends CellPlace {
  version: bigint;
  changedAt: Date;
  body: Body;
}

/** One line of totals: a city and billing month, with the measure's totals by name. */
export interface TotalsLine {
  cityCode: string;
  billingMonth: string;
  figures: Readonly<Record<string, bigint>>;
}

/** Which cells a resync asks for again; empty lists mean every month, every city of the child. */
export interface ResyncSelection {
  billingMonths: readonly string[];
  cityCodes: readonly string[];
}

export const placeKey = (p: CellPlace): string => `${p.cityCode}|${p.billingMonth}|${p.key}`;
export const lineKey = (cityCode: string, billingMonth: string): string => `${cityCode}|${billingMonth}`;

/**
 * The highest version of each place among `cells`, where a sink keeps keys in a normal form (ids
 * in lower case): the same cell spelt twice collapses to its highest version.
 */
export function highestVersions<Cell extends CellPlace & { version: bigint }>(
  cells: readonly Cell[],
  normalKey: (key: string) => string = (key) => key,
): Cell[] {
  const latest = new Map<string, Cell>();
  for (const cell of cells) {
    const place = placeKey({ ...cell, key: normalKey(cell.key) });
    const held = latest.get(place);
    if (!held || held.version < cell.version) latest.set(place, cell);
  }
  return [...latest.values()];
}
