import { Inject, Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import { type ServiceQualitySlice, ServiceQualitySliceSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import type { SliceDirtyList } from '@kaf/province-usage';
import {
  type FiguresSink,
  highestVersions,
  type ReceivedCell,
  type TotalsLine,
  UpwardFigures,
} from '@kaf/upward-figures';
import { SERVICE_QUALITY_MEASURE, serviceQualityLineOf, serviceQualityRefusal } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import { ServiceQualitySlicesRepository } from './service-quality-slices.repository';

/** Province: where a kept city-month is marked to be reported on to CN (absent at CN). */
export const SERVICE_QUALITY_SLICES_DIRTY = Symbol('SERVICE_QUALITY_SLICES_DIRTY');

/**
 * Province and CN: the children's service-quality slices, each replacing the city-month's slice
 * as a whole when its version is higher; redeliveries and stragglers change nothing. At a
 * province a kept slice is marked to be reported on to CN in the same transaction. Reconciliation
 * compares every total.
 */
@Injectable()
export class ServiceQualitySink implements FiguresSink<typeof ServiceQualitySliceSchema>, OnModuleInit {
  readonly measure = SERVICE_QUALITY_MEASURE;
  readonly body = ServiceQualitySliceSchema;
  readonly compared = SERVICE_QUALITY_MEASURE.totals;

  constructor(
    private readonly figures: UpwardFigures,
    private readonly slices: ServiceQualitySlicesRepository,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Optional() @Inject(SERVICE_QUALITY_SLICES_DIRTY) private readonly dirty?: SliceDirtyList,
  ) {}

  onModuleInit(): void {
    this.figures.receiveInto(this);
  }

  refuse(cell: ReceivedCell<ServiceQualitySlice>): string | undefined {
    if (cell.key !== '') return 'a service-quality slice has the key "" (one per city and month)';
    return serviceQualityRefusal(cell.body.lines.map(serviceQualityLineOf));
  }

  async apply(
    tx: EntityManager,
    reporter: string,
    cells: readonly ReceivedCell<ServiceQualitySlice>[],
  ): Promise<number> {
    // A province's cities report to it; CN's copy says which province reported the city.
    const provinceCode = this.identity.tier === 'national' ? reporter : this.identity.code;
    let applied = 0;
    for (const cell of highestVersions(cells)) {
      if (!(await this.slices.accept(tx, provinceCode, cell))) continue;
      await this.dirty?.mark(tx, { cityCodes: [cell.cityCode], billingMonths: [cell.billingMonth] });
      applied += 1;
    }
    return applied;
  }

  totals(
    tx: EntityManager,
    cityCodes: readonly string[],
    billingMonths: readonly string[],
  ): Promise<TotalsLine[]> {
    return this.slices.totals(tx, cityCodes, billingMonths);
  }
}
