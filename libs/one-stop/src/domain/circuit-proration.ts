import { addDays, addMonths, daysBetween } from '@kaf/platform';
import type { CircuitAction } from './circuit-actions';

/** What the day count needs to know of one version of a circuit. */
export interface CircuitVersionTerms {
  version: number;
  action: CircuitAction;
  /** `YYYY-MM-DD` (Asia/Shanghai): in force from this day; for `delete` the last day in service. */
  effectiveDate: string;
  monthlyChargeFen: bigint;
}

/** The days of a month each version was in force, and the month's charge from them. */
export interface MonthCharge {
  daysInMonth: number;
  /** Versions with at least one day, by version number. */
  days: { version: number; days: number }[];
  /** The version in force on the month's last counted day; undefined when no day counts. */
  lastVersion: number | undefined;
  /** round half up (Σ monthly × days / days in month), whole fen. */
  chargeFen: bigint;
}

/** Days in a billing month `YYYY-MM`. */
export function daysInMonth(month: string): number {
  return daysBetween(`${month}-01`, `${addMonths(month, 1)}-01`);
}

/**
 * The cease date of a circuit: the last day in service, from its `delete` version (the highest
 * one if several were sent); undefined while it is in service.
 */
export function ceaseDateOf(versions: readonly CircuitVersionTerms[]): string | undefined {
  let cease: CircuitVersionTerms | undefined;
  for (const v of versions) if (v.action === 'delete' && (!cease || v.version > cease.version)) cease = v;
  return cease?.effectiveDate;
}

/**
 * The version in force on `day`: among the versions that are not a cease and took effect on or
 * before it, the highest; undefined before the first, and after the cease date (which counts).
 */
export function versionInForce(
  versions: readonly CircuitVersionTerms[],
  day: string,
  ceaseDate = ceaseDateOf(versions),
): CircuitVersionTerms | undefined {
  if (ceaseDate !== undefined && day > ceaseDate) return undefined;
  let found: CircuitVersionTerms | undefined;
  for (const v of versions) {
    if (v.action === 'delete' || v.effectiveDate > day) continue;
    if (!found || v.version > found.version) found = v;
  }
  return found;
}

/**
 * A circuit's charge for `month` by actual days (ADR 0039): day d counts for the version in force
 * on it; charge = round half up (Σ monthly_v × days_v / D), D the days of the month, in integer
 * fen. Versions may be given in any order.
 */
export function monthCharge(versions: readonly CircuitVersionTerms[], month: string): MonthCharge {
  const total = daysInMonth(month);
  const ceaseDate = ceaseDateOf(versions);
  const days = new Map<number, { terms: CircuitVersionTerms; days: number }>();
  let lastVersion: number | undefined;
  for (let i = 0; i < total; i++) {
    const day = addDays(`${month}-01`, i);
    const v = versionInForce(versions, day, ceaseDate);
    if (!v) continue;
    const held = days.get(v.version) ?? { terms: v, days: 0 };
    held.days += 1;
    days.set(v.version, held);
    lastVersion = v.version;
  }
  let fenDays = 0n;
  for (const { terms, days: n } of days.values()) fenDays += terms.monthlyChargeFen * BigInt(n);
  return {
    daysInMonth: total,
    days: [...days.values()]
      .map(({ terms, days: n }) => ({ version: terms.version, days: n }))
      .sort((a, b) => a.version - b.version),
    lastVersion,
    chargeFen: roundHalfUp(fenDays, BigInt(total)),
  };
}

/** `numerator / denominator` rounded to the nearest whole, halves up; both not negative. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) {
    throw new RangeError(`cannot round ${numerator}/${denominator}: a charge is not negative`);
  }
  return (2n * numerator + denominator) / (2n * denominator);
}
