import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { DataSource } from 'typeorm';
import type { ListSettlementRecordsQuery } from './list-settlement-records.query';
import { type SettlementRecordView, toSettlementRecordView } from './settlement-record.view';
import { SettlementRecordRepository } from './settlement-record.repository';
import { visibleRegions } from './settlement-scope';

/** Settlement records, in the regions the caller may see. */
@Injectable()
export class SettlementRecordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: SettlementRecordRepository,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async list(
    scope: AccessScope,
    query: ListSettlementRecordsQuery,
  ): Promise<{ items: SettlementRecordView[]; total: number }> {
    const { rows, total } = await this.records.list(
      this.dataSource.manager,
      { ...query, regions: visibleRegions(scope, this.identity) },
      query.limit,
      query.offset,
    );
    return { items: rows.map(toSettlementRecordView), total };
  }
}
