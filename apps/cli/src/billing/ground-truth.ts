import { readFileSync, writeFileSync } from 'node:fs';

export const TRUTH_FORMAT = 'kaf-billing-truth/1';

/** The usage events of one cell in force: what the city's monthly cell must hold. */
export interface TruthCell {
  customerId: string;
  product: string;
  month: string;
  revenueFen: bigint;
  /** Hundredths of the unit: generated quantities have at most two decimals. */
  quantityCentis: bigint;
  eventCount: number;
}

export interface MonthTotal {
  revenueFen: bigint;
  eventCount: number;
}

/** What a truth carries besides its figures. */
export interface TruthMeta {
  seed: string;
  source: string;
  door: string;
  from: string;
  to: string;
  generatedAt: string;
}

/** The figures that count for one event in force. */
export interface CountedEvent {
  customerId: string;
  product: string;
  billingMonth: string;
  amountFen: bigint;
  quantity: string;
}

/**
 * Ground truth of a load: per city × customer × product × month the revenue and event count of
 * the events in force, kept as the ledger keeps them (a correction takes its original out and
 * itself in; a re-sent event counts nothing).
 */
export class GroundTruth {
  private readonly cities = new Map<string, { province: string; cells: Map<string, TruthCell> }>();

  constructor(readonly meta: TruthMeta) {}

  addCity(city: string, province: string): void {
    if (!this.cities.has(city)) this.cities.set(city, { province, cells: new Map() });
  }

  /** Counts `event` in its cell (`sign` -1 takes it out again). */
  apply(city: string, event: CountedEvent, sign: 1 | -1): void {
    const s = BigInt(sign);
    this.addToCell(city, {
      customerId: event.customerId,
      product: event.product,
      month: event.billingMonth,
      revenueFen: s * event.amountFen,
      quantityCentis: s * toCentis(event.quantity),
      eventCount: sign,
    });
  }

  private addToCell(city: string, delta: TruthCell): void {
    const entry = this.cities.get(city);
    if (!entry) throw new Error(`city ${city} is not part of the truth`);
    const key = `${delta.customerId}|${delta.product}|${delta.month}`;
    const cell = entry.cells.get(key);
    if (!cell) {
      entry.cells.set(key, { ...delta });
      return;
    }
    cell.revenueFen += delta.revenueFen;
    cell.quantityCentis += delta.quantityCentis;
    cell.eventCount += delta.eventCount;
  }

  cityCodes(): string[] {
    return [...this.cities.keys()].sort();
  }

  provinceOf(city: string): string {
    const entry = this.cities.get(city);
    if (!entry) throw new Error(`city ${city} is not part of the truth`);
    return entry.province;
  }

  /** The city's cells with at least one event in force, in key order. */
  cells(city: string): TruthCell[] {
    const entry = this.cities.get(city);
    if (!entry) return [];
    return [...entry.cells.values()]
      .filter((c) => c.eventCount !== 0)
      .sort(
        (a, b) =>
          byCodePoints(a.customerId, b.customerId) ||
          byCodePoints(a.product, b.product) ||
          byCodePoints(a.month, b.month),
      );
  }

  /** Per month of the city: revenue and events in force. */
  cityMonths(city: string): Map<string, MonthTotal> {
    const totals = new Map<string, MonthTotal>();
    for (const c of this.cells(city)) {
      const t = totals.get(c.month) ?? { revenueFen: 0n, eventCount: 0 };
      t.revenueFen += c.revenueFen;
      t.eventCount += c.eventCount;
      totals.set(c.month, t);
    }
    return totals;
  }

  toJSON(): TruthFile {
    return {
      format: TRUTH_FORMAT,
      ...this.meta,
      cities: this.cityCodes().map((city) => ({
        city,
        province: this.provinceOf(city),
        months: [...this.cityMonths(city)]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([month, t]) => ({ month, revenueFen: t.revenueFen.toString(), eventCount: t.eventCount })),
        cells: this.cells(city).map((c) => ({
          customerId: c.customerId,
          product: c.product,
          month: c.month,
          revenueFen: c.revenueFen.toString(),
          quantity: formatCentis(c.quantityCentis),
          eventCount: c.eventCount,
        })),
      })),
    };
  }

  write(file: string): void {
    writeFileSync(file, `${JSON.stringify(this.toJSON(), null, 1)}\n`);
  }

  static read(file: string): GroundTruth {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`cannot read the truth file ${file}: ${(error as Error).message}`);
    }
    return GroundTruth.parse(json, file);
  }

  static parse(json: unknown, source = 'truth'): GroundTruth {
    const file = json as Partial<TruthFile> | null;
    if (!file || file.format !== TRUTH_FORMAT || !Array.isArray(file.cities)) {
      throw new Error(`${source} is not a billing truth file (format ${TRUTH_FORMAT})`);
    }
    const truth = new GroundTruth({
      seed: String(file.seed),
      source: String(file.source),
      door: String(file.door),
      from: String(file.from),
      to: String(file.to),
      generatedAt: String(file.generatedAt),
    });
    for (const city of file.cities) {
      truth.addCity(city.city, city.province);
      for (const c of city.cells) {
        truth.addToCell(city.city, {
          customerId: c.customerId,
          product: c.product,
          month: c.month,
          revenueFen: BigInt(c.revenueFen),
          quantityCentis: toCentis(c.quantity),
          eventCount: c.eventCount,
        });
      }
    }
    return truth;
  }

  /**
   * The sum of several truths, for loads that went to the same federation one after another
   * with different seeds (their event ids never meet). Months span all of them.
   */
  static merge(truths: readonly GroundTruth[]): GroundTruth {
    if (truths.length === 1) return truths[0]!;
    const first = truths[0];
    if (!first) throw new Error('no truth to merge');
    const merged = new GroundTruth({
      ...first.meta,
      seed: truths.map((t) => t.meta.seed).join('+'),
      from: truths.map((t) => t.meta.from).sort()[0]!,
      to: truths
        .map((t) => t.meta.to)
        .sort()
        .at(-1)!,
    });
    for (const t of truths) {
      for (const city of t.cityCodes()) {
        merged.addCity(city, t.provinceOf(city));
        for (const c of t.cells(city)) merged.addToCell(city, c);
      }
    }
    return merged;
  }
}

export interface TruthFile extends TruthMeta {
  format: typeof TRUTH_FORMAT;
  cities: {
    city: string;
    province: string;
    months: { month: string; revenueFen: string; eventCount: number }[];
    cells: {
      customerId: string;
      product: string;
      month: string;
      revenueFen: string;
      quantity: string;
      eventCount: number;
    }[];
  }[];
}

function toCentis(quantity: string): bigint {
  const negative = quantity.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? quantity.slice(1) : quantity).split('.');
  if (fraction.length > 2) throw new RangeError(`quantity ${quantity} has more than two decimals`);
  const centis = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return negative ? -centis : centis;
}

/** Hundredths as a plain decimal without trailing zeros: 102450 → "1024.5". */
export function formatCentis(centis: bigint): string {
  const sign = centis < 0n ? '-' : '';
  const abs = centis < 0n ? -centis : centis;
  const fraction = String(abs % 100n)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${sign}${abs / 100n}${fraction ? `.${fraction}` : ''}`;
}

/** Plain code-point order, the same on every machine and locale. */
export function byCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
