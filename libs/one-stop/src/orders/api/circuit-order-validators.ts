import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@kaf/platform';
import { chargeProblem } from '../../domain/order-charges';

/** A `YYYY-MM-DD` calendar day. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a calendar date YYYY-MM-DD`,
      },
    },
    options,
  );
}

/** Whole fen as a decimal string, `minimum` … 10^13. */
export function IsChargeFen(minimum: 0n | 1n, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isChargeFen',
      validator: {
        validate: (value) => chargeProblem(value, minimum) === undefined,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} ${chargeProblem(args?.value, minimum) ?? 'is invalid'}`,
      },
    },
    options,
  );
}

/** City node codes (GB/T 2260): whether the node exists is the segment plan's question. */
export const NODE_CODE = /^\d{6}$/;
/** A telephone number as people write it: digits, spaces, dashes, parentheses, a leading +. */
export const PHONE = /^\+?[0-9][0-9 ()-]{4,38}$/;
/** The caller's own order reference. */
export const EXTERNAL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
