import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@kaf/platform';
import { fenProblem } from './domain/money';

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

/** Whole fen as a decimal string, 1 … 10^13. */
export function IsMonthlyFen(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMonthlyFen',
      validator: {
        validate: (value) => fenProblem(value) === undefined,
        defaultMessage: (args) => `${args?.property ?? 'value'} ${fenProblem(args?.value) ?? 'is invalid'}`,
      },
    },
    options,
  );
}

export const AGREEMENT_NO = /^[A-Z0-9][A-Z0-9-]{3,39}$/;
export const AGREEMENT_NO_MESSAGE =
  'agreementNo must be 4-40 upper-case letters, digits or dashes, not starting with a dash';
