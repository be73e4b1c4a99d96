import { Injectable } from '@nestjs/common';
import { addDays, addMonths, ConflictError } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { monthCharge } from '../domain/circuit-proration';
import { SEGMENT_ROLES } from '../domain/segment-roles';
import { type BookedRole, bookingsFor } from '../domain/settlement-bookings';
import { type RoleShare, sharesOf } from '../domain/settlement-split';
import type { OneStopPolicy } from '../policy/one-stop-policy.reader';
import {
  type CircuitToSettle,
  OneStopCircuitRepository,
  type VersionTermsRow,
} from './one-stop-circuit.repository';
import {
  type BookedRoleRow,
  type RecordToWrite,
  SettlementRecordRepository,
} from './settlement-record.repository';

/** Circuits read and settled per statement group, well under PostgreSQL's parameter limits. */
const PAGE = 2000;

/**
 * Books one month, page by page of circuits (ADR 0039): every circuit with a day in service in the
 * month, or already booked for it, gets what is due now less what is booked, per role — its
 * charges the first time, corrections after. Three reads and one insert per page.
 */
@Injectable()
export class MonthSettlement {
  constructor(
    private readonly circuits: OneStopCircuitRepository,
    private readonly records: SettlementRecordRepository,
  ) {}

  /** Returns the number of records written. */
  async settle(tx: EntityManager, runId: string, month: string, policy: OneStopPolicy): Promise<number> {
    const lastDay = addDays(`${addMonths(month, 1)}-01`, -1);
    let written = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = await this.circuits.pageToSettle(tx, month, after, PAGE);
      if (page.length === 0) break;
      const ids = page.map((c) => c.circuit_id);
      const versions = groupBy(await this.circuits.versionsBy(tx, ids, lastDay));
      const booked = groupBy(await this.records.bookedPerRole(tx, month, ids));
      const records = page.flatMap((c) =>
        recordsOf(c, versions.get(c.circuit_id) ?? [], booked.get(c.circuit_id) ?? [], month, policy),
      );
      written += await this.records.insert(tx, month, runId, records);
      if (page.length < PAGE) break;
      after = ids[ids.length - 1]!;
    }
    return written;
  }
}

function recordsOf(
  circuit: CircuitToSettle,
  versions: readonly VersionTermsRow[],
  bookedRows: readonly BookedRoleRow[],
  month: string,
  policy: OneStopPolicy,
): RecordToWrite[] {
  const charge = monthCharge(
    versions.map((v) => ({
      version: v.version,
      action: v.action,
      effectiveDate: v.effective_date,
      monthlyChargeFen: BigInt(v.monthly_charge_fen),
    })),
    month,
  );
  const booked: BookedRole[] = [...bookedRows]
    .sort((a, b) => SEGMENT_ROLES.indexOf(a.role) - SEGMENT_ROLES.indexOf(b.role))
    .map((r) => ({
      role: r.role,
      regionCode: r.region_code,
      shareBp: r.share_bp,
      amountFen: BigInt(r.amount_fen),
      lastSeq: r.last_seq,
    }));
  const shares = booked.length === 0 ? sharesUnder(policy, circuit) : [];
  const bookings = splitting(policy, () =>
    bookingsFor(charge.chargeFen, charge.days.length > 0, shares, booked),
  );
  // The order of the version in force on the month's last day in service; for a month no longer
  // in service (a cease that arrived late), the latest version's (the cease's).
  const which = charge.lastVersion ?? Math.max(...versions.map((v) => v.version));
  const orderId = versions.find((v) => v.version === which)?.order_id ?? circuit.circuit_id;
  const policyVersion = bookedRows[0]?.policy_version ?? policy.version.toString();
  return bookings.map((booking) => ({
    circuitId: circuit.circuit_id,
    orderId,
    product: circuit.product,
    policyVersion,
    booking,
  }));
}

function sharesUnder(policy: OneStopPolicy, circuit: CircuitToSettle): RoleShare[] {
  return splitting(
    policy,
    () =>
      sharesOf(policy, {
        product: circuit.product,
        aEndProvince: circuit.a_end_province,
        zEndProvince: circuit.z_end_province,
        transitNode: circuit.transit_node ?? undefined,
      }).shares,
  );
}

/** A policy whose shares do not add up cannot settle anything; nothing of the run is kept. */
function splitting<T>(policy: OneStopPolicy, split: () => T): T {
  try {
    return split();
  } catch (error) {
    if (error instanceof RangeError) {
      throw new ConflictError(
        `one-stop policy version ${policy.version} cannot split a charge: ${error.message}`,
      );
    }
    throw error;
  }
}

function groupBy<T extends { circuit_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.circuit_id);
    if (list) list.push(row);
    else out.set(row.circuit_id, [row]);
  }
  return out;
}
