import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type CustomerUsageCell, CustomerUsageCellSchema } from '@kaf/contracts';
import {
  type FiguresSink,
  highestVersions,
  type ReceivedCell,
  type TotalsLine,
  UpwardFigures,
} from '@kaf/upward-figures';
import { USAGE_MEASURE, usageCellKey } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import { CityUsageRepository } from './city-usage.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PRODUCT = /^[a-z0-9_]{1,64}$/;
const QUANTITY = /^-?\d{1,20}(\.\d{1,12})?$/;
const INT32_MAX = 2_147_483_647;

/**
 * Province: its cities' monthly cells, the usage measure's sink. The copy keeps the highest
 * version of each cell and marks dirty, in the same statement, the (city, month) slices whose
 * detail changed, for the slice builder. Reconciliation compares revenue, events and cells.
 */
@Injectable()
export class CityUsageSink implements FiguresSink<typeof CustomerUsageCellSchema>, OnModuleInit {
  readonly measure = USAGE_MEASURE;
  readonly body = CustomerUsageCellSchema;
  readonly compared = USAGE_MEASURE.totals;

  constructor(
    private readonly figures: UpwardFigures,
    private readonly repository: CityUsageRepository,
  ) {}

  onModuleInit(): void {
    this.figures.receiveInto(this);
  }

  refuse({ key, body }: ReceivedCell<CustomerUsageCell>): string | undefined {
    if (!UUID.test(body.customerId) || !PRODUCT.test(body.product)) return 'malformed customer or product';
    if (key.toLowerCase() !== usageCellKey(body.customerId, body.product).toLowerCase())
      return "the key is not the body's customer|product";
    if (!QUANTITY.test(body.quantity)) return `malformed quantity ${JSON.stringify(body.quantity)}`;
    if (body.eventCount > INT32_MAX) return 'event count out of range';
    return undefined;
  }

  apply(
    tx: EntityManager,
    reporter: string,
    cells: readonly ReceivedCell<CustomerUsageCell>[],
  ): Promise<number> {
    return this.repository.upsert(
      tx,
      reporter,
      // Ids are kept in lower case; the same cell in two spellings collapses to its highest version.
      highestVersions(cells, (key) => key.toLowerCase()).map((c) => ({
        customerId: c.body.customerId.toLowerCase(),
        product: c.body.product,
        billingMonth: c.billingMonth,
        revenueFen: c.body.revenueFen.toString(),
        quantity: c.body.quantity,
        eventCount: c.body.eventCount,
        version: c.version.toString(),
        changedAt: c.changedAt,
      })),
    );
  }

  async totals(
    tx: EntityManager,
    cityCodes: readonly string[],
    billingMonths: readonly string[],
  ): Promise<TotalsLine[]> {
    const rows = await this.repository.totals(tx, cityCodes, billingMonths);
    return rows.map((r) => ({
      cityCode: r.city_code,
      billingMonth: r.billing_month,
      figures: { revenueFen: BigInt(r.revenue), eventCount: BigInt(r.events), cells: BigInt(r.cells) },
    }));
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
