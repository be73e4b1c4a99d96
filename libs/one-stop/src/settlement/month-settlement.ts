import { uuidv7 } from '@kaf/messaging';
import { addDays, addMonths, ConflictError } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import type { CircuitAction } from '../domain/circuit-actions';
import type { CircuitProduct } from '../domain/circuit-products';
import { type CircuitVersionTerms, monthCharge } from '../domain/circuit-proration';
import type { SegmentRole } from '../domain/segment-roles';
import { SEGMENT_ROLES } from '../domain/segment-roles';
import { type BookedRole, type Booking, bookingsFor } from '../domain/settlement-bookings';
import { type RoleShare, sharesOf } from '../domain/settlement-split';
import type { OneStopPolicy } from '../policy/one-stop-policy.reader';

/** Circuits read and settled per statement group, well under PostgreSQL's parameter limits. */
const PAGE = 2000;

interface CircuitRow {
  circuit_id: string;
  product: CircuitProduct;
  a_end_province: string;
  z_end_province: string;
  transit_node: string | null;
}

interface VersionRow {
  circuit_id: string;
  version: number;
  action: CircuitAction;
  effective_date: string;
  monthly_charge_fen: string;
  order_id: string;
}

interface BookedRow {
  circuit_id: string;
  role: SegmentRole;
  region_code: string;
  share_bp: number;
  amount_fen: string;
  last_seq: number;
  policy_version: string;
}

interface RecordLine {
  circuit: CircuitRow;
  orderId: string;
  policyVersion: string;
  booking: Booking;
}

/**
 * Books one month, page by page of circuits (ADR 0039): every circuit with a day in service in the
 * month, or already booked for it, gets what is due now less what is booked, per role — its
 * charges the first time, corrections after. Three reads and one insert per page. Returns the
 * number of records written.
 */
export async function settleMonth(
  tx: EntityManager,
  runId: string,
  month: string,
  policy: OneStopPolicy,
): Promise<number> {
  const monthLast = addDays(`${addMonths(month, 1)}-01`, -1);
  let written = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const circuits: CircuitRow[] = await tx.query(
      `SELECT c.circuit_id, c.product, c.a_end_province, c.z_end_province, c.transit_node
         FROM one_stop_circuit c
        WHERE c.first_billing_month <= $1 AND c.circuit_id > $2
          AND (c.ceased_on IS NULL OR c.ceased_on >= ($1 || '-01')::date
               OR EXISTS (SELECT 1 FROM one_stop_settlement_record r
                           WHERE r.billing_month = $1 AND r.circuit_id = c.circuit_id))
        ORDER BY c.circuit_id
        LIMIT ${PAGE}`,
      [month, after],
    );
    if (circuits.length === 0) break;
    const ids = circuits.map((c) => c.circuit_id);
    const versions: VersionRow[] = await tx.query(
      `SELECT circuit_id, version, action, effective_date::text AS effective_date,
              monthly_charge_fen::text AS monthly_charge_fen, order_id
         FROM one_stop_circuit_version
        WHERE circuit_id = ANY($1::uuid[]) AND effective_date <= $2::date`,
      [ids, monthLast],
    );
    const booked: BookedRow[] = await tx.query(
      `SELECT r.circuit_id, r.role, sum(r.amount_fen)::text AS amount_fen, max(r.seq)::int AS last_seq,
              (array_agg(r.region_code ORDER BY r.seq))[1] AS region_code,
              (array_agg(r.share_bp ORDER BY r.seq))[1] AS share_bp,
              (array_agg(r.policy_version::text ORDER BY r.seq))[1] AS policy_version
         FROM one_stop_settlement_record r
        WHERE r.billing_month = $1 AND r.circuit_id = ANY($2::uuid[])
        GROUP BY r.circuit_id, r.role`,
      [month, ids],
    );
    const lines = linesOfPage(circuits, groupBy(versions), groupBy(booked), month, policy);
    written += await insertLines(tx, runId, month, lines);
    if (circuits.length < PAGE) break;
    after = ids[ids.length - 1]!;
  }
  return written;
}

function linesOfPage(
  circuits: readonly CircuitRow[],
  versions: ReadonlyMap<string, VersionRow[]>,
  booked: ReadonlyMap<string, BookedRow[]>,
  month: string,
  policy: OneStopPolicy,
): RecordLine[] {
  return circuits.flatMap((circuit) => {
    const held = versions.get(circuit.circuit_id) ?? [];
    const terms: CircuitVersionTerms[] = held.map((v) => ({
      version: v.version,
      action: v.action,
      effectiveDate: v.effective_date,
      monthlyChargeFen: BigInt(v.monthly_charge_fen),
    }));
    const charge = monthCharge(terms, month);
    const bookedRows = (booked.get(circuit.circuit_id) ?? []).sort(
      (a, b) => SEGMENT_ROLES.indexOf(a.role) - SEGMENT_ROLES.indexOf(b.role),
    );
    const bookedRoles: BookedRole[] = bookedRows.map((r) => ({
      role: r.role,
      regionCode: r.region_code,
      shareBp: r.share_bp,
      amountFen: BigInt(r.amount_fen),
      lastSeq: r.last_seq,
    }));
    const shares = bookedRoles.length === 0 ? sharesUnder(policy, circuit) : [];
    const bookings = splitting(policy, () =>
      bookingsFor(charge.chargeFen, charge.days.length > 0, shares, bookedRoles),
    );
    // The order of the version in force on the month's last day in service; for a month no
    // longer in service (a cease that arrived late), the latest version's (the cease).
    const byVersion = charge.lastVersion ?? Math.max(...held.map((v) => v.version));
    const orderId = held.find((v) => v.version === byVersion)?.order_id ?? circuit.circuit_id;
    const policyVersion = bookedRows[0]?.policy_version ?? policy.version.toString();
    return bookings.map((booking) => ({ circuit, orderId, policyVersion, booking }));
  });
}

function sharesUnder(policy: OneStopPolicy, circuit: CircuitRow): RoleShare[] {
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

async function insertLines(
  tx: EntityManager,
  runId: string,
  month: string,
  lines: readonly RecordLine[],
): Promise<number> {
  if (lines.length === 0) return 0;
  const inserted: unknown[] = await tx.query(
    `INSERT INTO one_stop_settlement_record
       (id, billing_month, circuit_id, order_id, kind, seq, role, region_code, share_bp, amount_fen,
        product, policy_version, run_id)
     SELECT id, $1, circuit_id, order_id, kind, seq, role, region_code, share_bp, amount_fen, product,
            policy_version, $2
       FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::int[], $8::text[], $9::text[],
                   $10::int[], $11::bigint[], $12::text[], $13::bigint[])
         AS t(id, circuit_id, order_id, kind, seq, role, region_code, share_bp, amount_fen, product,
              policy_version)
     RETURNING id`,
    [
      month,
      runId,
      lines.map(() => uuidv7()),
      lines.map((l) => l.circuit.circuit_id),
      lines.map((l) => l.orderId),
      lines.map((l) => l.booking.kind),
      lines.map((l) => l.booking.seq),
      lines.map((l) => l.booking.role),
      lines.map((l) => l.booking.regionCode),
      lines.map((l) => l.booking.shareBp),
      lines.map((l) => l.booking.amountFen.toString()),
      lines.map((l) => l.circuit.product),
      lines.map((l) => l.policyVersion),
    ],
  );
  return inserted.length;
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
