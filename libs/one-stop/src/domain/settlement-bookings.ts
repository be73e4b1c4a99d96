import type { SegmentRole } from './segment-roles';
import { type RoleShare, splitCharge } from './settlement-split';

export const SETTLEMENT_KINDS = ['charge', 'correction'] as const;
export type SettlementKind = (typeof SETTLEMENT_KINDS)[number];

/** What is already booked for one role of a circuit and month. */
export interface BookedRole {
  role: SegmentRole;
  regionCode: string;
  /** The share the month was first booked with. */
  shareBp: number;
  /** The sum of the role's records so far. */
  amountFen: bigint;
  /** The highest sequence number of the role's records (1: the charge). */
  lastSeq: number;
}

/** A record to write: the first booking of a role (`charge`, seq 1) or a difference to it. */
export interface Booking extends RoleShare {
  kind: SettlementKind;
  seq: number;
  amountFen: bigint;
}

/**
 * The records a run writes for one circuit and month (ADR 0039). The first booking splits the
 * month's charge by `shares` (the policy in force) into one `charge` per role; once booked, the
 * month keeps the shares it was booked with, and a run writes per role only the difference
 * between what is due now and what is booked, as a `correction` (possibly negative). So the
 * records of a circuit and month always sum to its charge, and nothing changed books nothing.
 * `counted`: whether any day of the month counts (a circuit not in service that month and never
 * booked for it gets nothing, not zeros).
 */
export function bookingsFor(
  chargeFen: bigint,
  counted: boolean,
  shares: readonly RoleShare[],
  booked: readonly BookedRole[],
): Booking[] {
  if (booked.length === 0) {
    if (!counted) return [];
    return splitCharge(chargeFen, shares).map((line) => ({ ...line, kind: 'charge', seq: 1 }));
  }
  const due = splitCharge(
    chargeFen,
    booked.map(({ role, regionCode, shareBp }) => ({ role, regionCode, shareBp })),
  );
  return due.flatMap((line, i) => {
    const held = booked[i]!;
    const delta = line.amountFen - held.amountFen;
    return delta === 0n
      ? []
      : [{ ...line, kind: 'correction' as const, seq: held.lastSeq + 1, amountFen: delta }];
  });
}
