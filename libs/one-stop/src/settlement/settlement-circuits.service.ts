import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { NotFoundError } from '@kaf/platform';
import { DataSource } from 'typeorm';
import type { ListSettlementCircuitsQuery } from './list-settlement-circuits.query';
import { OneStopCircuitRepository } from './one-stop-circuit.repository';
import {
  type SettlementCircuitDetailView,
  type SettlementCircuitView,
  toSettlementCircuitVersionView,
  toSettlementCircuitView,
} from './settlement-circuit.view';
import { visibleRegions } from './settlement-scope';

/** Settled circuits and their versions, for the regions the caller may see. */
@Injectable()
export class SettlementCircuitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly circuits: OneStopCircuitRepository,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async list(
    scope: AccessScope,
    query: ListSettlementCircuitsQuery,
  ): Promise<{ items: SettlementCircuitView[]; total: number }> {
    const regions = visibleRegions(scope, this.identity);
    const settledBy = [regions, query.regionCode ? [query.regionCode] : undefined].filter(
      (r): r is readonly string[] => r !== undefined,
    );
    const { rows, total } = await this.circuits.list(
      this.dataSource.manager,
      { settledBy, customerId: query.customerId, state: query.state },
      query.limit,
      query.offset,
    );
    return { items: rows.map(toSettlementCircuitView), total };
  }

  async get(scope: AccessScope, circuitId: string): Promise<SettlementCircuitDetailView> {
    const found = await this.circuits.get(
      this.dataSource.manager,
      circuitId,
      visibleRegions(scope, this.identity),
    );
    if (!found) throw new NotFoundError(`no settled circuit ${circuitId}`);
    return {
      ...toSettlementCircuitView(found.circuit),
      versions: found.versions.map(toSettlementCircuitVersionView),
    };
  }
}
