/** A measure's wire name: lower case, digits and hyphens, e.g. usage, service-quality. */
export const MEASURE_NAME = /^[a-z][a-z0-9-]{0,47}$/;
const FIGURE_NAME = /^[a-z][A-Za-z0-9]{0,47}$/;

/**
 * A family of figures reported upward, e.g. usage: plain data, so that a shared leaf can declare
 * it for both ends without importing this mechanism. Its cells are reported per city and billing
 * month (the federation's reporting grain) at versions that rise with every change; its totals,
 * by name, are what reconciliation compares. Each tier that reports it registers a source for it,
 * each tier that receives it a sink, and each side brings the cell body message it speaks.
 */
export interface Measure {
  /** Wire name, e.g. "usage". */
  readonly name: string;
  /** Names of the totals a line can carry (camelCase, e.g. revenueFen); money in fen. */
  readonly totals: readonly string[];
}

/** Refuses a malformed measure, when a source or sink of it is registered (so at boot). */
export function checkMeasure(measure: Measure): void {
  if (!MEASURE_NAME.test(measure.name)) {
    throw new Error(`measure name ${JSON.stringify(measure.name)} must match ${MEASURE_NAME.source}`);
  }
  const bad = measure.totals.filter((t) => !FIGURE_NAME.test(t));
  if (
    measure.totals.length === 0 ||
    bad.length > 0 ||
    new Set(measure.totals).size !== measure.totals.length
  ) {
    throw new Error(
      `measure ${measure.name} needs distinct camelCase totals, got ${JSON.stringify(measure.totals)}`,
    );
  }
}
