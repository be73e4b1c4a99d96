import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { ID_NUMBER_PROBLEMS, idNumberProblem } from './resident-id-number';

/** A resident ID number (GB 11643) with a matching check character; the message says what is wrong. */
export function IsResidentIdNumber(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isResidentIdNumber',
      target: target.constructor,
      propertyName: String(propertyName),
      ...(options ? { options } : {}),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && idNumberProblem(value) === undefined,
        defaultMessage: (args?: ValidationArguments) => {
          const value: unknown = args?.value;
          const problem = typeof value === 'string' ? idNumberProblem(value) : undefined;
          return `${args?.property ?? 'idNumber'} ${problem ? ID_NUMBER_PROBLEMS[problem] : 'must be a string'}`;
        },
      },
    });
  };
}
