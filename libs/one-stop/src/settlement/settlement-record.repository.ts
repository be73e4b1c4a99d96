import { Injectable } from '@nestjs/common';
import { uuidv7 } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import type { SegmentRole } from '../domain/segment-roles';
import type { Booking } from '../domain/settlement-bookings';
import type { SettlementRecordRow } from './settlement-record.view';

/** What a circuit-month holds per role: the charge's region, share and policy, sums so far. */
export interface BookedRoleRow {
  circuit_id: string;
  role: SegmentRole;
  region_code: string;
  share_bp: number;
  amount_fen: string;
  last_seq: number;
  policy_version: string;
}

/** A record to write. */
export interface RecordToWrite {
  circuitId: string;
  orderId: string;
  product: string;
  policyVersion: string;
  booking: Booking;
}

export interface RecordFilter {
  regions?: readonly string[];
  billingMonth?: string;
  regionCode?: string;
  circuitId?: string;
  orderId?: string;
  runId?: string;
}

/** `one_stop_settlement_record`: the statements on settlement records. */
@Injectable()
export class SettlementRecordRepository {
  /** Per circuit of `circuitIds` and role, what `month` holds so far. */
  bookedPerRole(tx: EntityManager, month: string, circuitIds: readonly string[]): Promise<BookedRoleRow[]> {
    return tx.query(
      `SELECT r.circuit_id, r.role, sum(r.amount_fen)::text AS amount_fen, max(r.seq)::int AS last_seq,
              (array_agg(r.region_code ORDER BY r.seq))[1] AS region_code,
              (array_agg(r.share_bp ORDER BY r.seq))[1] AS share_bp,
              (array_agg(r.policy_version::text ORDER BY r.seq))[1] AS policy_version
         FROM one_stop_settlement_record r
        WHERE r.billing_month = $1 AND r.circuit_id = ANY($2::uuid[])
        GROUP BY r.circuit_id, r.role`,
      [month, circuitIds],
    );
  }

  /** Writes the records of a run in one statement; returns how many. */
  async insert(
    tx: EntityManager,
    month: string,
    runId: string,
    records: readonly RecordToWrite[],
  ): Promise<number> {
    if (records.length === 0) return 0;
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
        records.map(() => uuidv7()),
        records.map((r) => r.circuitId),
        records.map((r) => r.orderId),
        records.map((r) => r.booking.kind),
        records.map((r) => r.booking.seq),
        records.map((r) => r.booking.role),
        records.map((r) => r.booking.regionCode),
        records.map((r) => r.booking.shareBp),
        records.map((r) => r.booking.amountFen.toString()),
        records.map((r) => r.product),
        records.map((r) => r.policyVersion),
      ],
    );
    return inserted.length;
  }

  /** Latest month first, then by circuit, sequence and role. */
  async list(
    manager: EntityManager,
    filter: RecordFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: SettlementRecordRow[]; total: number }> {
    const parts: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      parts.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.regions) add('s.region_code = ANY(?::text[])', [...filter.regions]);
    if (filter.billingMonth) add('s.billing_month = ?', filter.billingMonth);
    if (filter.regionCode) add('s.region_code = ?', filter.regionCode);
    if (filter.circuitId) add('s.circuit_id = ?', filter.circuitId);
    if (filter.orderId) add('s.order_id = ?', filter.orderId);
    if (filter.runId) add('s.run_id = ?', filter.runId);
    const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    const [{ n }] = await manager.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM one_stop_settlement_record s ${where}`,
      params,
    );
    const rows: SettlementRecordRow[] = await manager.query(
      `SELECT s.id, s.billing_month, s.circuit_id, s.order_id, s.kind, s.seq, s.role, s.region_code,
              s.share_bp, s.amount_fen::text AS amount_fen, s.product,
              s.policy_version::text AS policy_version, s.run_id, s.created_at
         FROM one_stop_settlement_record s ${where}
        ORDER BY s.billing_month DESC, s.circuit_id, s.seq,
                 array_position(ARRAY['a_end', 'z_end', 'transit'], s.role)
        LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { rows, total: n };
  }
}
