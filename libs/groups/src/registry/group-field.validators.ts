import { creditCodeProblem, type CreditCodeProblem } from '@kaf/business-codes';
import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

const CREDIT_CODE_PROBLEMS: Record<CreditCodeProblem, string> = {
  length: 'must be 18 characters',
  characters: 'holds characters a GB 32100 credit code cannot contain',
  'check-character': 'has a wrong check character',
};

/** A GB 32100 unified social credit code; the message says what is wrong with it. */
export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCreditCode',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && creditCodeProblem(value) === undefined,
        defaultMessage: (args) => {
          const value: unknown = args?.value;
          if (typeof value !== 'string') return `${args?.property} must be a string`;
          const problem = creditCodeProblem(value);
          return `${args?.property} ${problem ? CREDIT_CODE_PROBLEMS[problem] : 'is invalid'}`;
        },
      },
    },
    options,
  );
}

/**
 * Merge-patch (RFC 7396) semantics: an absent member leaves the field alone, while `null` would
 * remove it, which no registry field allows, so null is validated (and refused) like any value.
 */
export function PatchOptional(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}
