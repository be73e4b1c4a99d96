import { type ValidationOptions, registerDecorator } from 'class-validator';
import { Transform } from 'class-transformer';
import { creditCodeProblem, INDUSTRY_SECTION_CODES, isIndustrySection } from '@kaf/business-codes';

const CREDIT_CODE_PROBLEMS = {
  length: 'must be 18 characters',
  characters: 'must be digits and upper-case letters (no I, O, S, V, Z) with a 6-digit division code',
  'check-character': 'has a wrong check character (GB 32100)',
} as const;

/** A unified social credit code (GB 32100), check character included. */
export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCreditCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && creditCodeProblem(value) === undefined,
        defaultMessage: (args) => {
          const property = args?.property ?? 'creditCode';
          const value: unknown = args?.value;
          if (typeof value !== 'string') return `${property} must be a string`;
          const problem = creditCodeProblem(value);
          return `${property} ${problem ? CREDIT_CODE_PROBLEMS[problem] : 'is invalid'}`;
        },
      },
    });
}

/** A GB/T 4754 section letter. */
export function IsIndustrySection(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIndustrySection',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => isIndustrySection(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'industry'} must be a GB/T 4754 section letter (${INDUSTRY_SECTION_CODES.join(', ')})`,
      },
    });
}

/** Credit codes are printed upper-case; accept the same code typed in lower case or padded. */
export const NormaliseCode = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  );
