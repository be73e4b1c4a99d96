import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type CustomerArrearsCell, CustomerArrearsCellSchema } from '@kaf/contracts';
import {
  type FiguresSink,
  highestVersions,
  type ReceivedCell,
  type TotalsLine,
  UpwardFigures,
} from '@kaf/upward-figures';
import { ARREARS_MEASURE, arrearsFiguresOf, arrearsTotals } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import { CityArrearsRepository } from './city-arrears.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT32_MAX = 2_147_483_647;

/**
 * Why a city's arrears cell cannot be kept, or undefined: the key is the body's customer, the
 * figures are positions (never negative) and the account count fits the copy.
 */
export function arrearsCellRefusal({ key, body }: ReceivedCell<CustomerArrearsCell>): string | undefined {
  if (!UUID.test(body.customerId)) return 'malformed customer id';
  if (key.toLowerCase() !== body.customerId.toLowerCase()) return "the key is not the body's customer id";
  const negative = (['upTo30Fen', 'days31To90Fen', 'over90Fen', 'notDueFen', 'unallocatedFen'] as const).find(
    (band) => body[band] < 0n,
  );
  if (negative) return `${negative} is negative`;
  if (body.accounts > INT32_MAX) return 'accounts out of range';
  return undefined;
}

/**
 * Province: its cities' arrears per customer and month, the arrears measure's sink. The copy keeps
 * the highest version of each cell and marks dirty, in the same statement, the (city, month)
 * arrears slices whose detail changed. A city re-sends cells at new versions (its resync marks
 * them again), so nothing is released before a resync. Reconciliation compares every total.
 */
@Injectable()
export class CityArrearsSink implements FiguresSink<typeof CustomerArrearsCellSchema>, OnModuleInit {
  readonly measure = ARREARS_MEASURE;
  readonly body = CustomerArrearsCellSchema;
  readonly compared = ARREARS_MEASURE.totals;

  constructor(
    private readonly figures: UpwardFigures,
    private readonly repository: CityArrearsRepository,
  ) {}

  onModuleInit(): void {
    this.figures.receiveInto(this);
  }

  refuse(cell: ReceivedCell<CustomerArrearsCell>): string | undefined {
    return arrearsCellRefusal(cell);
  }

  apply(
    tx: EntityManager,
    reporter: string,
    cells: readonly ReceivedCell<CustomerArrearsCell>[],
  ): Promise<number> {
    return this.repository.upsert(
      tx,
      reporter,
      // Ids are kept in lower case; the same cell in two spellings collapses to its highest version.
      highestVersions(cells, (key) => key.toLowerCase()).map((c) => ({
        customerId: c.body.customerId.toLowerCase(),
        billingMonth: c.billingMonth,
        upTo30Fen: c.body.upTo30Fen.toString(),
        days31To90Fen: c.body.days31To90Fen.toString(),
        over90Fen: c.body.over90Fen.toString(),
        notDueFen: c.body.notDueFen.toString(),
        unallocatedFen: c.body.unallocatedFen.toString(),
        accounts: c.body.accounts,
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
      figures: arrearsTotals(arrearsFiguresOf(r), BigInt(r.cells)),
    }));
  }
}
