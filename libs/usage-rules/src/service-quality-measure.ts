/**
 * Service quality as a measure reported upward (a `Measure` of @kaf/upward-figures, plain data like
 * `ARREARS_MEASURE`). A city reports one cell per month (key "", body
 * kaf.rollups.v1.ServiceQualitySlice): lines per ticket type, severity and customer grade, and the
 * month's active customers; a province reports the same slice per city and month to CN. No ticket,
 * customer or person appears in it. Totals per city and month: every figure summed over the lines,
 * the active customers and the lines.
 */
export const SERVICE_QUALITY_MEASURE = Object.freeze({
  name: 'service-quality',
  totals: Object.freeze([
    'opened',
    'closed',
    'responseDue',
    'responseMet',
    'restoreDue',
    'restoreMet',
    'restoredCount',
    'restoreMinutesSum',
    'escalationsOpen',
    'returnVisitsDue',
    'returnVisitsDone',
    'satisfactionSum',
    'satisfactionCount',
    'complaintsOpened',
    'activeCustomers',
    'lines',
  ] as const),
});

/** The figures of one line (ticket type × severity × grade), or of any sum of lines. */
export interface ServiceQualityFigures {
  /** Tickets created in the month. */
  opened: bigint;
  /** Tickets closed in the month. */
  closed: bigint;
  /** Tickets whose first-response target fell due in the month; `responseMet` of them answered in time. */
  responseDue: bigint;
  responseMet: bigint;
  /** Tickets whose restore (faults) or resolve target fell due in the month; `restoreMet` in time. */
  restoreDue: bigint;
  restoreMet: bigint;
  /** Tickets restored (faults) or resolved in the month, and their minutes from creation. */
  restoredCount: bigint;
  restoreMinutesSum: bigint;
  /** Escalations raised and not closed at the month's end (the current month: now). */
  escalationsOpen: bigint;
  /** Return visits falling due in the month, and those of them done. */
  returnVisitsDue: bigint;
  returnVisitsDone: bigint;
  /** Satisfaction (1–5) summed over the return visits done in the month, and how many scored. */
  satisfactionSum: bigint;
  satisfactionCount: bigint;
}

export const SERVICE_QUALITY_FIGURES = [
  'opened',
  'closed',
  'responseDue',
  'responseMet',
  'restoreDue',
  'restoreMet',
  'restoredCount',
  'restoreMinutesSum',
  'escalationsOpen',
  'returnVisitsDue',
  'returnVisitsDone',
  'satisfactionSum',
  'satisfactionCount',
] as const satisfies readonly (keyof ServiceQualityFigures)[];

/** Each figure's column in the tables that keep lines (city, province and CN alike). */
export const SERVICE_QUALITY_COLUMNS: Readonly<Record<keyof ServiceQualityFigures, string>> = {
  opened: 'opened',
  closed: 'closed',
  responseDue: 'response_due',
  responseMet: 'response_met',
  restoreDue: 'restore_due',
  restoreMet: 'restore_met',
  restoredCount: 'restored_count',
  restoreMinutesSum: 'restore_minutes_sum',
  escalationsOpen: 'escalations_open',
  returnVisitsDue: 'return_visits_due',
  returnVisitsDone: 'return_visits_done',
  satisfactionSum: 'satisfaction_sum',
  satisfactionCount: 'satisfaction_count',
};

export function zeroServiceQuality(): ServiceQualityFigures {
  return Object.fromEntries(SERVICE_QUALITY_FIGURES.map((f) => [f, 0n])) as unknown as ServiceQualityFigures;
}

/** Figures as PostgreSQL hands back sums (decimal strings, or null over no row), read into bigint. */
export function serviceQualityFiguresOf(
  row: Readonly<Record<string, string | number | null | undefined>>,
): ServiceQualityFigures {
  const figures = zeroServiceQuality();
  for (const f of SERVICE_QUALITY_FIGURES) figures[f] = BigInt(row[SERVICE_QUALITY_COLUMNS[f]] ?? 0);
  return figures;
}

/** The SQL select list of the figures summed over `alias`'s rows, read back by `serviceQualityFiguresOf`. */
export function sumServiceQualityColumns(alias: string): string {
  return SERVICE_QUALITY_FIGURES.map((f) => {
    const column = SERVICE_QUALITY_COLUMNS[f];
    return `coalesce(sum(${alias}.${column}), 0)::text AS ${column}`;
  }).join(', ');
}

export function addServiceQuality(a: ServiceQualityFigures, b: ServiceQualityFigures): ServiceQualityFigures {
  const sum = zeroServiceQuality();
  for (const f of SERVICE_QUALITY_FIGURES) sum[f] = a[f] + b[f];
  return sum;
}

/**
 * A totals line's figures of the measure, every total by name: the figures, the complaints opened
 * (the lines of type complaint), the month's active customers and the lines.
 */
export function serviceQualityTotals(
  figures: ServiceQualityFigures,
  extra: { complaintsOpened: bigint; activeCustomers: bigint; lines: bigint },
): Record<string, bigint> {
  return { ...figures, ...extra };
}

/** What the figures say, as the analytics answer them; null where there is nothing to divide by. */
export interface ServiceQualityRatios {
  /** First responses in time, % of those due (one decimal). */
  responseCompliancePct: number | null;
  /** Restores (resolves) in time, % of those due (one decimal). */
  restoreCompliancePct: number | null;
  /** Mean minutes from creation to restore (resolve), whole minutes. */
  meanTimeToRestoreMinutes: number | null;
  /** Return visits done, % of those due (one decimal). */
  returnVisitCoveragePct: number | null;
  /** Mean satisfaction 1–5 (two decimals). */
  meanSatisfaction: number | null;
  /** Complaints opened per 100 active customers (two decimals). */
  complaintsPer100Customers: number | null;
}

/** `numerator / denominator × scale`, rounded to `decimals`, in exact integer arithmetic; null over 0. */
export function ratio(
  numerator: bigint,
  denominator: bigint,
  scale: number,
  decimals: number,
): number | null {
  if (denominator <= 0n) return null;
  const unit = 10n ** BigInt(decimals);
  const scaled = numerator * BigInt(scale) * unit * 2n;
  // Half away from zero, as a person would round a percentage.
  const rounded = (scaled / denominator + (scaled >= 0n ? 1n : -1n)) / 2n;
  return Number(rounded) / Number(unit);
}

export function serviceQualityRatios(
  f: ServiceQualityFigures,
  complaintsOpened: bigint,
  activeCustomers: bigint,
): ServiceQualityRatios {
  return {
    responseCompliancePct: ratio(f.responseMet, f.responseDue, 100, 1),
    restoreCompliancePct: ratio(f.restoreMet, f.restoreDue, 100, 1),
    meanTimeToRestoreMinutes: ratio(f.restoreMinutesSum, f.restoredCount, 1, 0),
    returnVisitCoveragePct: ratio(f.returnVisitsDone, f.returnVisitsDue, 100, 1),
    meanSatisfaction: ratio(f.satisfactionSum, f.satisfactionCount, 1, 2),
    complaintsPer100Customers: ratio(complaintsOpened, activeCustomers, 100, 2),
  };
}

/** One line of a city-month: its ticket type, severity and customer grade, and its figures. */
export interface ServiceQualityLine extends ServiceQualityFigures {
  ticketType: string;
  severity: string;
  grade: string;
}

/** The wire's counters: every figure a uint32 but the minutes (int64). */
export type ServiceQualityLineMessage = Omit<
  Record<keyof ServiceQualityLine, number>,
  'ticketType' | 'severity' | 'grade' | 'restoreMinutesSum'
> & { ticketType: string; severity: string; grade: string; restoreMinutesSum: bigint };

/** A line as the body message's line (kaf.rollups.v1.ServiceQualityLine) is initialised. */
export function serviceQualityLineMessage(line: ServiceQualityLine): ServiceQualityLineMessage {
  const counters = Object.fromEntries(
    SERVICE_QUALITY_FIGURES.filter((f) => f !== 'restoreMinutesSum').map((f) => [f, Number(line[f])]),
  );
  return {
    ...(counters as Omit<
      ServiceQualityLineMessage,
      'ticketType' | 'severity' | 'grade' | 'restoreMinutesSum'
    >),
    ticketType: line.ticketType,
    severity: line.severity,
    grade: line.grade,
    restoreMinutesSum: line.restoreMinutesSum,
  };
}

/** A received body line as a line of figures. */
export function serviceQualityLineOf(message: ServiceQualityLineMessage): ServiceQualityLine {
  const figures = zeroServiceQuality();
  for (const f of SERVICE_QUALITY_FIGURES) figures[f] = BigInt(message[f]);
  return { ticketType: message.ticketType, severity: message.severity, grade: message.grade, ...figures };
}

const LINE_TYPES = ['fault', 'complaint', 'inquiry', 'serviceRequest'];
const LINE_SEVERITIES = ['critical', 'major', 'minor'];
const LINE_GRADES = ['A', 'B', 'C'];
const UINT32_MAX = 2n ** 32n - 1n;

/**
 * Why a slice's lines cannot be kept, or undefined: each line names a known type, severity and
 * grade once, has a figure above zero, no part above its whole (met ≤ due, done ≤ due, a
 * satisfaction of 1–5 per score) and counts the tables hold.
 */
export function serviceQualityRefusal(lines: readonly ServiceQualityLine[]): string | undefined {
  const seen = new Set<string>();
  for (const line of lines) {
    const where = `service-quality line ${JSON.stringify([line.ticketType, line.severity, line.grade])}`;
    if (!LINE_TYPES.includes(line.ticketType)) return `${where} has an unknown ticket type`;
    if (!LINE_SEVERITIES.includes(line.severity)) return `${where} has an unknown severity`;
    if (!LINE_GRADES.includes(line.grade)) return `${where} has an unknown grade`;
    const key = `${line.ticketType}|${line.severity}|${line.grade}`;
    if (seen.has(key)) return `${where} appears twice`;
    seen.add(key);
    if (SERVICE_QUALITY_FIGURES.every((f) => line[f] === 0n)) return `${where} is empty`;
    const outOfRange = SERVICE_QUALITY_FIGURES.find(
      (f) => line[f] < 0n || (f !== 'restoreMinutesSum' && line[f] > UINT32_MAX),
    );
    if (outOfRange) return `${where} has ${outOfRange} out of range`;
    if (line.responseMet > line.responseDue) return `${where} meets more responses than fall due`;
    if (line.restoreMet > line.restoreDue) return `${where} meets more restores than fall due`;
    if (line.returnVisitsDone > line.returnVisitsDue) return `${where} does more return visits than fall due`;
    if (line.satisfactionSum < line.satisfactionCount || line.satisfactionSum > 5n * line.satisfactionCount)
      return `${where} has a satisfaction outside 1–5`;
  }
  return undefined;
}

/** The figures of a city-month's lines summed, and the complaints opened among them. */
export function sumServiceQualityLines(lines: readonly ServiceQualityLine[]): {
  figures: ServiceQualityFigures;
  complaintsOpened: bigint;
} {
  let figures = zeroServiceQuality();
  let complaintsOpened = 0n;
  for (const line of lines) {
    figures = addServiceQuality(figures, line);
    if (line.ticketType === 'complaint') complaintsOpened += line.opened;
  }
  return { figures, complaintsOpened };
}

/** A city-month's totals line from its lines and active customers, the same at every tier. */
export function serviceQualityMonthTotals(
  lines: readonly ServiceQualityLine[],
  activeCustomers: bigint,
): Record<string, bigint> {
  const { figures, complaintsOpened } = sumServiceQualityLines(lines);
  return serviceQualityTotals(figures, {
    complaintsOpened,
    activeCustomers,
    lines: BigInt(lines.length),
  });
}

/** A city-month as the body message (kaf.rollups.v1.ServiceQualitySlice) is initialised, but its time. */
export function serviceQualitySliceInit(
  lines: readonly ServiceQualityLine[],
  activeCustomers: number,
): { lines: ServiceQualityLineMessage[]; activeCustomers: number } {
  return { lines: lines.map(serviceQualityLineMessage), activeCustomers };
}

/** Figures and what they say, as the analytics answer them at every tier (counts as numbers). */
export type ServiceQualityView = Record<keyof ServiceQualityFigures, number> &
  ServiceQualityRatios & { complaintsOpened: number; activeCustomers: number | null };

/**
 * The view of a group's figures. `activeCustomers` null: the group has no customer base (grouped
 * or filtered by grade), and complaints per 100 customers are null with it.
 */
export function serviceQualityView(
  figures: ServiceQualityFigures,
  complaintsOpened: bigint,
  activeCustomers: bigint | null,
): ServiceQualityView {
  const counts = Object.fromEntries(SERVICE_QUALITY_FIGURES.map((f) => [f, Number(figures[f])])) as Record<
    keyof ServiceQualityFigures,
    number
  >;
  const ratios = serviceQualityRatios(figures, complaintsOpened, activeCustomers ?? 0n);
  return {
    ...counts,
    complaintsOpened: Number(complaintsOpened),
    activeCustomers: activeCustomers === null ? null : Number(activeCustomers),
    ...ratios,
    complaintsPer100Customers: activeCustomers === null ? null : ratios.complaintsPer100Customers,
  };
}
