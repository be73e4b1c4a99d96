/**
 * The settlement lock (a PostgreSQL advisory lock): runs take it exclusively, so two runs never
 * book the same circuit-month twice; a circuit version is registered under it shared, so a run
 * either sees a version or the version is received after the run (and the month is run again).
 */
export const SETTLEMENT_LOCK = 0x6b617301;
