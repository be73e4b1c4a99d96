import { Injectable } from '@nestjs/common';
import { type CustomerUsageCell, CustomerUsageCellSchema } from '@kaf/contracts';
import { type ReceivedCell, type TotalsLine, UpwardFigures } from '@kaf/upward-figures';
import { USAGE_MEASURE, usageCellKey } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import { CityCellsSink, CUSTOMER_ID, INT32_MAX } from './city-cells.sink';
import { type CityUsageCell, CityUsageRepository } from './city-usage.repository';

/** A row of the usage copy's totals. */
type CityUsageTotalsRow = {
  city_code: string;
  billing_month: string;
  revenue: string;
  events: string;
  cells: string;
};
const PRODUCT = /^[a-z0-9_]{1,64}$/;
const QUANTITY = /^-?\d{1,20}(\.\d{1,12})?$/;

/**
 * Province: its cities' monthly cells, the usage measure's sink. The copy keeps the highest
 * version of each cell and marks dirty, in the same statement, the (city, month) slices whose
 * detail changed, for the slice builder. Reconciliation compares revenue, events and cells.
 */
@Injectable()
export class CityUsageSink extends CityCellsSink<
  typeof CustomerUsageCellSchema,
  CityUsageCell,
  CityUsageTotalsRow
> {
  readonly measure = USAGE_MEASURE;
  readonly body = CustomerUsageCellSchema;
  readonly compared = USAGE_MEASURE.totals;

  constructor(
    figures: UpwardFigures,
    private readonly repository: CityUsageRepository,
  ) {
    super(figures, repository);
  }

  refuse({ key, body }: ReceivedCell<CustomerUsageCell>): string | undefined {
    if (!CUSTOMER_ID.test(body.customerId) || !PRODUCT.test(body.product))
      return 'malformed customer or product';
    if (key.toLowerCase() !== usageCellKey(body.customerId, body.product).toLowerCase())
      return "the key is not the body's customer|product";
    if (!QUANTITY.test(body.quantity)) return `malformed quantity ${JSON.stringify(body.quantity)}`;
    if (body.eventCount > INT32_MAX) return 'event count out of range';
    return undefined;
  }

  protected rowOf(c: ReceivedCell<CustomerUsageCell>): CityUsageCell {
    return {
      customerId: c.body.customerId.toLowerCase(),
      product: c.body.product,
      billingMonth: c.billingMonth,
      revenueFen: c.body.revenueFen.toString(),
      quantity: c.body.quantity,
      eventCount: c.body.eventCount,
      version: c.version.toString(),
      changedAt: c.changedAt,
    };
  }

  protected figuresOf(r: CityUsageTotalsRow): TotalsLine['figures'] {
    return { revenueFen: BigInt(r.revenue), eventCount: BigInt(r.events), cells: BigInt(r.cells) };
  }

  /**
   * A city re-sends its cells at their current versions and the copy ignores a version it already
   * holds, so before a resync the copy gives up the versions of the differing lines: a cell altered
   * here (same version, other figures) is then replaced. Cells the city does not re-send keep
   * their figures.
   */
  releaseForResync(
    tx: EntityManager,
    lines: readonly { cityCode: string; billingMonth: string }[],
  ): Promise<number> {
    return this.repository.releaseVersions(tx, lines);
  }
}
