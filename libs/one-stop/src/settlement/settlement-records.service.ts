import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { DataSource } from 'typeorm';
import type { ListSettlementRecordsQuery } from './list-settlement-records.query';
import {
  type SettlementRecordRow,
  type SettlementRecordView,
  toSettlementRecordView,
} from './settlement-record.view';
import { visibleRegions } from './settlement-scope';

/** Settlement records, in the regions the caller may see. */
@Injectable()
export class SettlementRecordsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async list(
    scope: AccessScope,
    query: ListSettlementRecordsQuery,
  ): Promise<{ items: SettlementRecordView[]; total: number }> {
    const parts: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      parts.push(sql.replace('?', `$${params.length}`));
    };
    const regions = visibleRegions(scope, this.identity);
    if (regions) add('s.region_code = ANY(?::text[])', [...regions]);
    if (query.billingMonth) add('s.billing_month = ?', query.billingMonth);
    if (query.regionCode) add('s.region_code = ?', query.regionCode);
    if (query.circuitId) add('s.circuit_id = ?', query.circuitId);
    if (query.orderId) add('s.order_id = ?', query.orderId);
    if (query.runId) add('s.run_id = ?', query.runId);
    const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    const [{ n }] = await this.dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM one_stop_settlement_record s ${where}`,
      params,
    );
    const rows: SettlementRecordRow[] = await this.dataSource.query(
      `SELECT s.id, s.billing_month, s.circuit_id, s.order_id, s.kind, s.seq, s.role, s.region_code, s.share_bp,
              s.amount_fen::text AS amount_fen, s.product, s.policy_version::text AS policy_version,
              s.run_id, s.created_at
         FROM one_stop_settlement_record s ${where}
        ORDER BY s.billing_month DESC, s.circuit_id, s.seq,
                 array_position(ARRAY['a_end', 'z_end', 'transit'], s.role)
        LIMIT ${query.limit} OFFSET ${query.offset}`,
      params,
    );
    return { items: rows.map(toSettlementRecordView), total: n };
  }
}
