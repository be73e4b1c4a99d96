import { Injectable } from '@nestjs/common';
import { type CustomerArrearsCell, CustomerArrearsCellSchema } from '@kaf/contracts';
import { type ReceivedCell, type TotalsLine, UpwardFigures } from '@kaf/upward-figures';
import { ARREARS_MEASURE, arrearsFiguresOf, arrearsTotals } from '@kaf/usage-rules';
import { CityCellsSink, CUSTOMER_ID, INT32_MAX } from '../detail/city-cells.sink';
import {
  type CityArrearsCell,
  CityArrearsRepository,
  type CityArrearsTotalsRow,
} from './city-arrears.repository';

/**
 * Why a city's arrears cell cannot be kept, or undefined: the key is the body's customer, the
 * figures are positions (never negative) and the account count fits the copy.
 */
export function arrearsCellRefusal({ key, body }: ReceivedCell<CustomerArrearsCell>): string | undefined {
  if (!CUSTOMER_ID.test(body.customerId)) return 'malformed customer id';
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
export class CityArrearsSink extends CityCellsSink<
  typeof CustomerArrearsCellSchema,
  CityArrearsCell,
  CityArrearsTotalsRow
> {
  readonly measure = ARREARS_MEASURE;
  readonly body = CustomerArrearsCellSchema;
  readonly compared = ARREARS_MEASURE.totals;

  constructor(figures: UpwardFigures, repository: CityArrearsRepository) {
    super(figures, repository);
  }

  refuse(cell: ReceivedCell<CustomerArrearsCell>): string | undefined {
    return arrearsCellRefusal(cell);
  }

  protected rowOf(c: ReceivedCell<CustomerArrearsCell>): CityArrearsCell {
    return {
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
    };
  }

  protected figuresOf(r: CityArrearsTotalsRow): TotalsLine['figures'] {
    return arrearsTotals(arrearsFiguresOf(r), BigInt(r.cells));
  }
}
